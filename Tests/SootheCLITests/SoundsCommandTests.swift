import Foundation
import SootheAudioIO
import SootheCore
import Testing

/// `soothe sounds`: the palette names every chime, bed and tone style, the README shows what the
/// program prints, and any entry renders.
@Suite struct SoundsCommandTests {
    @Test func theListingNamesEveryCaseWithItsLine() throws {
        let result = try SootheCLI.run(["sounds"])
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        func listed(_ name: String, _ summary: String) -> Bool {
            lines.contains { $0.hasPrefix("  \(name) ") && $0.hasSuffix(" \(summary)") }
        }
        for kind in ChimeKind.allCases { #expect(listed(kind.rawValue, kind.summary), "\(kind)") }
        for sound in AmbienceSound.allCases { #expect(listed(sound.rawValue, sound.summary), "\(sound)") }
        for style in ToneStyle.allCases { #expect(listed("tone:\(style.rawValue)", style.summary), "\(style)") }
        for style in MusicSettings.Style.allCases { #expect(listed("music:\(style.rawValue)", style.summary), "\(style)") }
        #expect(result.stdout == SoundPalette.listing)
        // The old name still works.
        #expect(try SootheCLI.run(["sound"]).stdout == result.stdout)
    }

    @Test func theReadmeShowsThePalette() throws {
        let readme = try String(contentsOfFile: SootheCLI.packageRoot + "/README.md", encoding: .utf8)
        let listing = try SootheCLI.run(["sounds"]).stdout
        #expect(readme.contains("```\n$ soothe sounds\n" + listing + "```\n"), "README.md's palette differs from 'soothe sounds'")
    }

    @Test func aToneStyleRendersAsBoxBreathingThatNeverFallsSilent() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("chime.wav")
        let result = try SootheCLI.run(["sounds", "tone:chime", "-o", path, "--sample-rate", "22050", "--channels", "1"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("raw mix level"))
        let reader = try AudioFileReader(path: path)
        let x = try reader.readAll()
        #expect(x.count == 4 * 16 * 22_050)
        // Inside the section (past the fades), every 50 ms sounds.
        let window = 1_102
        var quietest = Float.infinity
        for start in stride(from: 22_050, to: x.count - 22_050 - window, by: window) {
            quietest = min(quietest, x[start..<(start + window)].reduce(0) { max($0, abs($1)) })
        }
        #expect(quietest > 1e-3, "a 50 ms window peaks at \(quietest)")
    }

    @Test func aMusicStyleRendersMusic() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("bells.wav")
        let result = try SootheCLI.run(["sounds", "music:bells", "--seconds", "12", "-o", path, "--sample-rate", "22050"])
        #expect(result.status == 0, "\(result)")
        let samples = try AudioFileReader(path: path).readAll()
        // Past the bed's fade-in it sounds, and a bell rings out over the pad somewhere.
        let body = samples[(4 * 22_050 * 2)...]
        let rms = (body.reduce(0) { $0 + Double($1) * Double($1) } / Double(body.count)).squareRoot()
        #expect(rms > 0.003, "rms \(rms)")
        let styled = try SootheCLI.run(["sounds", "music:bels", "-o", folder.file("x.wav")])
        #expect(styled.status == 64)
        #expect(styled.stderr.contains("unknown music style 'bels' (pad-and-bells, pad, bells); did you mean 'bells'?"), "\(styled)")
    }

    @Test func badNamesAndStylesAreUsageErrorsWithSuggestions() throws {
        let unknown = try SootheCLI.run(["sounds", "bel", "-o", "x.wav"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown sound 'bel'; did you mean 'bell'?"), "\(unknown)")
        let style = try SootheCLI.run(["sounds", "tone:brigth", "-o", "x.wav"])
        #expect(style.status == 64)
        #expect(style.stderr.contains("tone:STYLE must be one of soft, bright, chime, none, got 'brigth'; did you mean 'bright'?"), "\(style)")
        let breathe = try SootheCLI.run(["breathe", "--tone", "sfot"])
        #expect(breathe.status == 64)
        #expect(breathe.stderr.contains("--tone must be one of soft, bright, chime, none, got 'sfot'; did you mean 'soft'?"), "\(breathe)")
        let pitch = try SootheCLI.run(["breathe", "--tone-pitch", "20"])
        #expect(pitch.status == 64 && pitch.stderr.contains("--tone-pitch must be between 80 and 1000 Hz"), "\(pitch)")
    }
}
