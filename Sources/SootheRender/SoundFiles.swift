import Foundation
import SootheCore
import SootheDSP

/// The sound files a timeline names, read once per render at its rate and set to the level of
/// the built-in sound they stand for: a chime file to the integrated loudness of the soft chime
/// at its mix level, a bed file to that of the pink-noise bed at its (both measured at the
/// render's rate with the same meter), before the script's `level`.
final class SoundFiles: Sendable {
    /// Each chime file's mono samples, by path, at the soft chime's loudness.
    let chimes: [String: [Float]]
    /// The bed file's left and right at the pink-noise bed's loudness, ready to play (a looped
    /// bed's end crossfaded into its start), and whether it loops.
    let bed: (left: [Float], right: [Float], loop: Bool)?

    /// Seconds of the equal-power crossfade that joins a looped bed's end to its start (at most a
    /// quarter of the file).
    static let loopCrossfade = 2.0

    init(timeline: Timeline, sampleRate: Int) throws(RenderError) {
        var chimes: [String: [Float]] = [:]
        var chimeReference: Double?
        for cue in timeline.cues {
            guard case .chime(let chime) = cue.event, case .file(let file) = chime.sound, chimes[file.path] == nil else { continue }
            let mono = try Self.read(file, as: .chime, channels: 1, sampleRate: sampleRate)[0]
            let reference = chimeReference ?? Self.chimeReference(sampleRate: sampleRate)
            chimeReference = reference
            chimes[file.path] = try Self.scaled([mono], to: reference, file: file, sampleRate: sampleRate)[0]
        }
        self.chimes = chimes
        if case .file(let file, let loop) = timeline.ambience?.source {
            let stereo = try Self.read(file, as: .bed, channels: 2, sampleRate: sampleRate)
            let scaled = try Self.scaled(stereo, to: Self.bedReference(sampleRate: sampleRate), file: file, sampleRate: sampleRate)
            if loop {
                let fade = min(Int(Self.loopCrossfade * Double(sampleRate)), scaled[0].count / 4)
                bed = (Self.loopable(scaled[0], crossfade: fade), Self.loopable(scaled[1], crossfade: fade), true)
            } else {
                bed = (scaled[0], scaled[1], false)
            }
        } else {
            bed = nil
        }
    }

    private static func read(_ file: SoundFile, as use: SoundFile.Use, channels: Int, sampleRate: Int) throws(RenderError) -> [[Float]] {
        do {
            return try SoundFileReading.read(file.path, as: use, channels: channels, sampleRate: sampleRate)
        } catch {
            throw RenderError(.soundFile, "cannot read sound '\(file.written)' (line \(file.location.line)): \(error.reason)")
        }
    }

    /// Integrated loudness of one or two channels.
    static func loudness(_ channels: [[Float]], sampleRate: Int) -> Double {
        var meter = IntegratedLoudnessMeter(channels: channels.count, sampleRate: sampleRate)
        let frames = channels[0].count
        var interleaved = [Float](repeating: 0, count: frames * channels.count)
        for (c, channel) in channels.enumerated() {
            for n in 0..<frames { interleaved[n * channels.count + c] = channel[n] }
        }
        interleaved.withUnsafeBufferPointer { meter.add(interleaved: $0) }
        return meter.integratedLoudness
    }

    /// `channels` gained to `reference` LUFS.
    private static func scaled(_ channels: [[Float]], to reference: Double, file: SoundFile, sampleRate: Int) throws(RenderError) -> [[Float]] {
        let measured = loudness(channels, sampleRate: sampleRate)
        guard measured.isFinite else {
            throw RenderError(.soundFile, "cannot read sound '\(file.written)' (line \(file.location.line)): it is silent, or too short to measure (under 0.4 s)")
        }
        let gain = Float(pow(10, (reference - measured) / 20))
        return channels.map { $0.map { $0 * gain } }
    }

    /// The soft chime, once, at its mix level: where a chime file is set.
    static func chimeReference(sampleRate: Int) -> Double {
        var voice = ChimeVoice(kind: .softChime, strikes: 1, sampleRate: Double(sampleRate), seed: 1)
        var mono = [Float](repeating: 0, count: voice.frameCount)
        mono.withUnsafeMutableBufferPointer { voice.render(adding: $0, gain: MixLevels.chime(.softChime)) }
        return loudness([mono], sampleRate: sampleRate)
    }

    /// 20 s of the pink-noise bed at its mix level: where a bed file is set.
    static func bedReference(sampleRate: Int) -> Double {
        var bed = AmbienceBed(kind: .pinkNoise, duration: 20, sampleRate: Double(sampleRate), seed: 1, fadeIn: 0, fadeOut: 0)
        var left = [Float](repeating: 0, count: bed.frameCount), right = left
        left.withUnsafeMutableBufferPointer { l in
            right.withUnsafeMutableBufferPointer { r in bed.render(addingLeft: l, right: r, gain: MixLevels.ambience(.pinkNoise)) }
        }
        return loudness([left, right], sampleRate: sampleRate)
    }

    /// `x` shortened by `crossfade` frames so that playing it over and over is seamless: its
    /// first `crossfade` frames are the file's last ones fading out (cos) over its first ones
    /// fading in (sin), equal power; the wrap then joins the file's frame N − c − 1 to N − c.
    static func loopable(_ x: [Float], crossfade c: Int) -> [Float] {
        guard c > 0 else { return x }
        let n = x.count
        var y = Array(x[0..<(n - c)])
        for k in 0..<c {
            let t = (Double(k) + 0.5) / Double(c) * Double.pi / 2
            y[k] = Float(sin(t)) * x[k] + Float(cos(t)) * x[n - c + k]
        }
        return y
    }
}

/// A bed file playing under the session: looped or once, with the generated beds' fades (in
/// over 4 s, out over 6 s, shortened to fit).
struct FileBedPlayer {
    let left: [Float]
    let right: [Float]
    let loop: Bool
    let frameCount: Int
    let level: Float
    private let fadeInFrames: Int
    private let fadeOutFrames: Int
    private(set) var position = 0

    init(left: [Float], right: [Float], loop: Bool, frameCount: Int, sampleRate: Double, levelDB: Double) {
        self.left = left
        self.right = right
        self.loop = loop
        self.frameCount = frameCount
        level = Float(pow(10, levelDB / 20))
        var fi = 4.0, fo = 6.0
        let duration = Double(frameCount) / sampleRate
        if fi + fo > duration {
            let k = duration / (fi + fo)
            fi *= k
            fo *= k
        }
        fadeInFrames = Int(fi * sampleRate + 0.5)
        fadeOutFrames = Int(fo * sampleRate + 0.5)
    }

    static func smoothstep(_ x: Double) -> Float {
        let t = min(max(x, 0), 1)
        return Float(t * t * (3 - 2 * t))
    }

    /// Adds the next frames of both channels times `gain`.
    mutating func render(addingLeft l: UnsafeMutableBufferPointer<Float>, right r: UnsafeMutableBufferPointer<Float>, gain: Float) {
        let count = min(l.count, r.count)
        let length = left.count
        let g = gain * level
        for i in 0..<count {
            let n = position + i
            guard n < frameCount else { break }
            let k = loop ? n % length : n
            guard k < length else { break }
            var f = g
            if n < fadeInFrames { f *= Self.smoothstep(Double(n) / Double(fadeInFrames)) }
            let untilEnd = frameCount - n
            if untilEnd < fadeOutFrames { f *= Self.smoothstep(Double(untilEnd) / Double(fadeOutFrames)) }
            l[i] += f * left[k]
            r[i] += f * right[k]
        }
        position += count
    }
}
