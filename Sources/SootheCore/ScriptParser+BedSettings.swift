import Yams

/// The settings of the `music`, `binaural` and `isochronic` beds, as found in an `ambience`
/// mapping: each value with where its key was, so a key the chosen sound does not take is
/// reported there.
struct BedSettingsDraft {
    var music = MusicSettings()
    var tones = ToneBedSettings()
    var endCarrier: Double?
    var endBeat: Double?
    /// The keys given, with their places, in order.
    var given: [(key: String, at: SourceLocation)] = []
}

extension ParseRun {
    static let musicKeys = ["key", "mode", "style", "chord-every"]
    static let toneBedKeys = ["carrier", "beat", "to"]
    static let bedSettingKeys = musicKeys + toneBedKeys

    /// `FILE:LINE:COLUMN` of `location` in this file.
    func origin(_ location: SourceLocation) -> String {
        "\(file):\(location.line):\(location.column)"
    }

    /// Reads one of the music or tone keys into `draft`; false for any other key.
    mutating func bedSetting(_ key: String, at: SourceLocation, _ value: Node, into draft: inout BedSettingsDraft) -> Bool {
        guard Self.bedSettingKeys.contains(key) else { return false }
        draft.given.append((key, at))
        switch key {
        case "key":
            if let name = text(value, for: "key"), checkName(name, at: value.location, kind: "musical key", in: MusicSettings.keyList) {
                draft.music.tonic = MusicSettings.keyNames[name] ?? 0
            }
        case "mode":
            if let name = text(value, for: "mode"), let mode: MusicSettings.Mode = known(name, at: value.location, kind: "mode", in: MusicSettings.Mode.allCases.map(\.rawValue)) {
                draft.music.mode = mode
            }
        case "style":
            if let name = text(value, for: "style"), let style: MusicSettings.Style = known(name, at: value.location, kind: "music style", in: MusicSettings.Style.allCases.map(\.rawValue)) {
                draft.music.style = style
            }
        case "chord-every":
            if let seconds = duration(value, for: "chord-every", allowZero: false) {
                let range = MusicSettings.chordSecondsRange
                if range.contains(seconds) {
                    draft.music.chordSeconds = seconds
                } else {
                    outOfRange(value, "chord-every", Self.seconds(range.lowerBound), Self.seconds(range.upperBound), "", found: value.scalarText ?? "")
                }
            }
        case "carrier": draft.tones.carrier = number(value, for: "carrier", in: ToneBedSettings.carrierRange, unit: " Hz") ?? draft.tones.carrier
        case "beat": draft.tones.beat = number(value, for: "beat", in: ToneBedSettings.beatRange, unit: " Hz") ?? draft.tones.beat
        default:  // "to"
            guard case .mapping(let mapping) = value else {
                error(value.location, "'to' expects the values at the session's end, {carrier: HZ, beat: HZ}; found \(value.kindDescription)")
                return true
            }
            for (keyNode, target) in mapping {
                guard let name = keyName(keyNode) else { continue }
                switch name {
                case "carrier": draft.endCarrier = number(target, for: "carrier", in: ToneBedSettings.carrierRange, unit: " Hz")
                case "beat": draft.endBeat = number(target, for: "beat", in: ToneBedSettings.beatRange, unit: " Hz")
                default: unknownKey(name, at: keyNode.location, expected: ["carrier", "beat"], context: "in 'to'")
                }
            }
        }
        return true
    }

    /// `spec` with the draft's settings; reports keys the sound does not take, and tones too low
    /// for an ear (carrier − beat/2 under `ToneBedSettings.lowestTone`).
    mutating func finishBed(_ spec: AmbienceSpec, _ draft: BedSettingsDraft, at location: SourceLocation) -> AmbienceSpec? {
        var spec = spec
        let takes: [String] = switch spec.sound {
        case .music?: Self.musicKeys
        case .binaural?, .isochronic?: Self.toneBedKeys
        default: []
        }
        var ok = true
        for (key, at) in draft.given where !takes.contains(key) {
            let owners = Self.musicKeys.contains(key) ? "the music bed" : "the binaural and isochronic beds"
            error(at, "'\(key)' is a setting of \(owners), not of '\(spec.name)'")
            ok = false
        }
        spec.music = draft.music
        spec.tones = ToneBedSettings(
            carrier: draft.tones.carrier, beat: draft.tones.beat, endCarrier: draft.endCarrier, endBeat: draft.endBeat)
        if spec.sound == .binaural {
            let t = spec.tones
            for (carrier, beat, when) in [(t.carrier, t.beat, "at the start"), (t.endCarrier, t.endBeat, "at the end")]
            where carrier - beat / 2 < ToneBedSettings.lowestTone {
                error(location, "a carrier of \(Self.trim(carrier)) Hz with a beat of \(Self.trim(beat)) Hz puts the left ear's tone \(when) at \(Self.trim(carrier - beat / 2)) Hz, under \(Self.trim(ToneBedSettings.lowestTone)) Hz: raise the carrier or lower the beat")
                ok = false
            }
        }
        return ok ? spec : nil
    }
}
