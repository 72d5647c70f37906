import SootheAudioIO
import SootheRender

/// One file shape to render: format, rate, channels, sample encoding and loudness target.
struct RenderCase: Sendable, CustomStringConvertible {
    var format: AudioFileFormat
    var sampleRate: Int
    var channels: Int
    var encoding: SampleEncoding = .pcm16
    var loudness: Double = -16

    var description: String {
        "\(format.rawValue) \(sampleRate) Hz \(channels) ch \(encoding.rawValue) \(loudness) LUFS"
    }

    var options: RenderOptions {
        RenderOptions(
            format: format, sampleRate: sampleRate, channels: channels, encoding: encoding, loudness: loudness,
            date: "2025-03-14")
    }

    /// Every format, both channel counts, several rates, encodings and targets.
    static let all: [RenderCase] = [
        RenderCase(format: .wav, sampleRate: 22050, channels: 2),
        RenderCase(format: .wav, sampleRate: 22050, channels: 1, encoding: .pcm24),
        RenderCase(format: .wav, sampleRate: 24000, channels: 2, encoding: .float, loudness: -23),
        RenderCase(format: .flac, sampleRate: 44100, channels: 1),
        RenderCase(format: .flac, sampleRate: 32000, channels: 2, encoding: .pcm24, loudness: -20),
        RenderCase(format: .ogg, sampleRate: 22050, channels: 2),
        RenderCase(format: .opus, sampleRate: 48000, channels: 1, loudness: -18),
        RenderCase(format: .mp3, sampleRate: 44100, channels: 1),
        RenderCase(format: .mp3, sampleRate: 22050, channels: 2),
    ]
}
