import Foundation
import SootheCore

/// The preview page's colours: soft fills, each outlined in a darker shade so every cue stands
/// at least 3:1 against its lane (WCAG 1.4.11), and text at least 4.5:1 (WCAG AA).
struct HTMLPalette: Sendable {
    /// A fill and the outline that carries its contrast.
    struct Swatch: Sendable, Hashable {
        var fill: String
        var stroke: String
    }

    var page = "#f6f4ef"
    var surface = "#fdfcf9"
    var laneBand = "#efede6"
    var text = "#22303c"
    var mutedText = "#4e5a64"
    var grid = "#dcd8cd"
    var accent = "#2f5f8a"
    var focus = "#1d4b86"
    var playhead = "#b23a4a"

    var speech = Swatch(fill: "#cfe0f1", stroke: "#3f6790")
    var pause = Swatch(fill: "#ebe8e0", stroke: "#75716a")
    var chime = Swatch(fill: "#f3e3b5", stroke: "#7f631a")
    var ambience = Swatch(fill: "#dfe8e4", stroke: "#4f6e67")
    var inhale = Swatch(fill: "#cfe9de", stroke: "#367160")
    var topUp = Swatch(fill: "#b7dfcf", stroke: "#2f6655")
    var hold = Swatch(fill: "#e6ddf1", stroke: "#65558a")
    var exhale = Swatch(fill: "#f6ddca", stroke: "#8f5a33")
    var rest = Swatch(fill: "#ebe8e1", stroke: "#716d66")

    static let calm = HTMLPalette()

    /// The swatch of a breath phase.
    func swatch(for phase: BreathPhase) -> Swatch {
        switch phase {
        case .inhale: inhale
        case .topUp: topUp
        case .hold: hold
        case .exhale: exhale
        case .rest: rest
        }
    }

    /// Every swatch with a name (for the style sheet and the contrast tests).
    var swatches: [(name: String, swatch: Swatch)] {
        [("speech", speech), ("pause", pause), ("chime", chime), ("ambience", ambience)]
            + BreathPhase.allCases.map { ("phase-\($0.rawValue)", swatch(for: $0)) }
    }

    /// WCAG 2 contrast ratio of two `#rrggbb` colours (1...21), or nil if either is malformed.
    static func contrastRatio(_ a: String, _ b: String) -> Double? {
        guard let la = luminance(a), let lb = luminance(b) else { return nil }
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// WCAG 2 relative luminance of `#rrggbb`.
    static func luminance(_ hex: String) -> Double? {
        let digits = Array(hex.utf8.dropFirst())
        guard hex.hasPrefix("#"), digits.count == 6,
            let value = UInt32(String(decoding: digits, as: UTF8.self), radix: 16)
        else { return nil }
        func channel(_ shift: UInt32) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }
}
