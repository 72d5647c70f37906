internal import CSndFile

/// The libsndfile format codes for soothe's formats and encodings.
enum SndFileFormat {
    /// `SF_INFO.format` for writing `settings` (assumes `settings.validate()` passed).
    static func code(for settings: AudioFileSettings) -> Int32 {
        switch settings.format {
        case .wav:
            let sub: Int32 =
                switch settings.encoding {
                case .pcm16: Int32(SF_FORMAT_PCM_16)
                case .pcm24: Int32(SF_FORMAT_PCM_24)
                case .float: Int32(SF_FORMAT_FLOAT)
                }
            return (settings.usesRF64 ? Int32(SF_FORMAT_RF64) : Int32(SF_FORMAT_WAV)) | sub
        case .flac:
            let sub = settings.encoding == .pcm24 ? Int32(SF_FORMAT_PCM_24) : Int32(SF_FORMAT_PCM_16)
            return Int32(SF_FORMAT_FLAC) | sub
        case .ogg: return Int32(SF_FORMAT_OGG) | Int32(SF_FORMAT_VORBIS)
        case .opus: return Int32(SF_FORMAT_OGG) | Int32(SF_FORMAT_OPUS)
        case .mp3: return Int32(SF_FORMAT_MPEG) | Int32(SF_FORMAT_MPEG_LAYER_III)
        }
    }

    /// soothe's format for a libsndfile `SF_INFO.format`, or nil for anything else.
    static func format(for code: Int32) -> AudioFileFormat? {
        let major = code & Int32(SF_FORMAT_TYPEMASK)
        let sub = code & Int32(SF_FORMAT_SUBMASK)
        switch major {
        case Int32(SF_FORMAT_WAV), Int32(SF_FORMAT_RF64): return .wav
        case Int32(SF_FORMAT_FLAC): return .flac
        case Int32(SF_FORMAT_OGG):
            switch sub {
            case Int32(SF_FORMAT_VORBIS): return .ogg
            case Int32(SF_FORMAT_OPUS): return .opus
            default: return nil
            }
        case Int32(SF_FORMAT_MPEG): return .mp3
        default: return nil
        }
    }
}
