import Foundation
import SootheDSP
import SootheModel
import Testing

/// Speed of every generator and of the limiter, in nanoseconds per frame. Off by default: run
/// it in a release build through `bench/dsp/run.sh` (which sets `SOOTHE_DSP_BENCH`).
@Suite("DSP benchmark", .serialized)
struct DSPBenchmark {
    static let rate = 48_000.0
    static let block = 1_024

    /// CPU time the calling thread has used, in nanoseconds.
    static func threadCPUNanoseconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) * 1e9 + Double(now.tv_nsec)
    }

    /// Best of `repeats` timings of `body`, in nanoseconds per `units`.
    static func time(units: Int, repeats: Int = 3, _ body: () -> Float) -> Double {
        var best = Double.infinity
        var sink: Float = 0
        for _ in 0..<repeats {
            // The thread's own CPU time, not the wall clock: on a shared machine the wall clock
            // also counts the time other processes hold the core.
            let start = threadCPUNanoseconds()
            sink += body()
            let ns = threadCPUNanoseconds() - start
            best = min(best, ns / Double(units))
        }
        // Keeps the work observable, so the optimiser cannot drop it.
        #expect(sink.isFinite)
        return best
    }

    /// `SOOTHE_DSP_BENCH=1` runs every part; any other value runs only the parts whose names
    /// contain it (`SOOTHE_DSP_BENCH=breath`), for profiling one generator.
    static func wanted(_ name: String) -> Bool {
        let only = ProcessInfo.processInfo.environment["SOOTHE_DSP_BENCH"] ?? "1"
        return only == "1" || name.contains(only)
    }

    /// Timings per case for the beds: `SOOTHE_DSP_REPEATS` (default 3), the best kept, so that a
    /// busy machine can be outwaited (`bench/beds.sh` asks for more).
    static var bedRepeats: Int {
        ProcessInfo.processInfo.environment["SOOTHE_DSP_REPEATS"].flatMap(Int.init).map { max(1, $0) } ?? 3
    }

    static func report(_ name: String, _ value: Double, _ unit: String) {
        print("BENCH \(name.padding(toLength: 34, withPad: " ", startingAt: 0)) \(String(format: "%7.2f", value)) ns/\(unit)")
    }

    /// Speech-like stereo programme: band-limited noise in syllables (about 4 per second) with
    /// pauses, peaks mostly 6–12 dB under full scale; one syllable in 25 pokes 2 dB over.
    static func speechLike(frames: Int) -> [Float] {
        var rng = SplitMix64(seed: 99)
        var out = [Float](repeating: 0, count: 2 * frames)
        var lowL: Float = 0, lowR: Float = 0, band: Float = 0
        var n = 0
        var syllable = 0
        while n < frames {
            let length = Int(Double.random(in: 0.12...0.3, using: &rng) * rate)
            let pause = syllable % 7 == 6 ? Int(0.4 * rate) : Int(0.03 * rate)
            let loud: Float = syllable % 25 == 24 ? 1.6 : Float.random(in: 0.25...0.5, using: &rng)
            for k in 0..<length where n + k < frames {
                let env = loud * Float(sin(Double.pi * Double(k) / Double(length)))
                band += 0.3 * (rng.nextBipolar() - band)
                lowL += 0.5 * (band - lowL)
                lowR += 0.45 * (band - lowR)
                out[2 * (n + k)] = 2.2 * env * lowL
                out[2 * (n + k) + 1] = 2.2 * env * lowR
            }
            n += length + pause
            syllable += 1
        }
        return out
    }

    static func limiterNs(_ input: [Float]) -> Double {
        let frames = input.count / 2
        return time(units: frames) {
            var limiter = TruePeakLimiter(channels: 2, sampleRate: rate, ceilingDB: -1.5)
            // Block by block through one buffer, as the renderer does: copying the whole input
            // would time its page faults (a few ns per frame) along with the limiter.
            var io = [Float](repeating: 0, count: 2 * block)
            var check: Float = 0
            input.withUnsafeBufferPointer { all in
                io.withUnsafeMutableBufferPointer { buffer in
                    var start = 0
                    while start < all.count {
                        let n = min(2 * block, all.count - start)
                        let part = UnsafeMutableBufferPointer(rebasing: buffer[0..<n])
                        _ = part.initialize(from: all[start..<(start + n)])
                        limiter.process(part)
                        check += part[0]
                        start += n
                    }
                }
            }
            return check
        }
    }

    static func mono(frames: Int, _ body: (UnsafeMutableBufferPointer<Float>) -> Void) -> Float {
        var out = [Float](repeating: 0, count: block)
        var done = 0
        var check: Float = 0
        out.withUnsafeMutableBufferPointer { b in
            while done < frames {
                let n = min(block, frames - done)
                body(UnsafeMutableBufferPointer(rebasing: b[0..<n]))
                check += b[0]
                done += n
            }
        }
        return check
    }

    /// Every limiter and meter case whose name `wanted` accepts (`SOOTHE_DSP_BENCH=silence`).
    static func benchLimiter() {
        let frames = Int(60 * Self.rate)
        let speech = Self.speechLike(frames: frames)
        let breath = Self.breathLike(frames: frames)
        let silence = [Float](repeating: 0, count: 2 * frames)
        var rng = SplitMix64(seed: 5)
        let cases: [(String, () -> [Float])] = [
            ("speech-like (stereo)", { speech }),
            ("loud noise (stereo)", { (0..<(2 * frames / 4)).map { _ in 1.5 * rng.nextBipolar() } }),
            ("quiet speech (stereo)", { speech.map { $0 * 0.25 } }),
            ("soft speech, no limiting", { speech.map { $0 * 0.1 } }),
            ("breath tone 4 dB under", { breath }),
            ("silence", { silence }),
        ]
        for (name, input) in cases where Self.wanted("limiter, \(name)") {
            Self.report("limiter, \(name)", Self.limiterNs(input()), "stereo frame")
        }
        for (name, input) in [("speech-like", speech), ("breath tone", breath), ("silence", silence)] where Self.wanted("true-peak meter, \(name)") {
            Self.report("true-peak meter, \(name)", Self.meterNs(input), "stereo frame")
        }
        if Self.wanted("loudness meter") {
            let mono = (0..<frames).map { speech[2 * $0] }
            Self.report("loudness meter, speech (mono)", Self.loudnessNs(mono, channels: 1), "frame")
            Self.report("loudness meter, speech (stereo)", Self.loudnessNs(speech, channels: 2), "stereo frame")
        }
    }

    /// The integrated loudness meter over `input` in renderer-sized blocks, reading at the end.
    static func loudnessNs(_ input: [Float], channels: Int) -> Double {
        time(units: input.count / channels, repeats: 5) {
            var meter = IntegratedLoudnessMeter(channels: channels, sampleRate: Int(rate))
            input.withUnsafeBufferPointer { all in
                var start = 0
                while start < all.count {
                    let n = min(channels * Self.block, all.count - start)
                    meter.add(interleaved: UnsafeBufferPointer(rebasing: all[start..<(start + n)]))
                    start += n
                }
            }
            return Float(meter.integratedLoudness)
        }
    }

    static func meterNs(_ input: [Float]) -> Double {
        time(units: input.count / 2) {
            var meter = TruePeakMeter(channels: 2)
            input.withUnsafeBufferPointer { all in
                var start = 0
                while start < all.count {
                    let n = min(2 * Self.block, all.count - start)
                    meter.add(UnsafeBufferPointer(rebasing: all[start..<(start + n)]))
                    start += n
                }
            }
            // Silence reads −infinity, which would fail the finiteness check of the sink.
            return Float(max(meter.peakDB, -200))
        }
    }

    /// The renderer's breath track: a 4-2-6-1 breath tone on both channels, its sample peak
    /// 4 dB under the benchmark limiter's −1.5 dB ceiling (as the render normalises it).
    static func breathLike(frames: Int) -> [Float] {
        typealias S = BreathTone.Segment
        let cycle = [S(phase: .inhale, duration: 4), S(phase: .hold, duration: 2), S(phase: .exhale, duration: 6), S(phase: .rest, duration: 1)]
        var tone = BreathTone(segments: Array(repeating: cycle, count: 1 + frames / Int(13 * rate)).flatMap { $0 }, sampleRate: rate, seed: 7)
        var mono = [Float](repeating: 0, count: frames)
        mono.withUnsafeMutableBufferPointer { tone.render(adding: $0, gain: 1) }
        let peak = mono.reduce(Float(0)) { max($0, abs($1)) }
        let scale = Float(pow(10, -5.5 / 20)) / peak
        var out = [Float](repeating: 0, count: 2 * frames)
        for k in 0..<frames {
            out[2 * k] = scale * mono[k]
            out[2 * k + 1] = scale * mono[k]
        }
        return out
    }

    /// A 4-2-6-1 breathing section, 22 cycles: every phase and join.
    static func benchBreathTone() {
        typealias S = BreathTone.Segment
        let cycle = [S(phase: .inhale, duration: 4), S(phase: .hold, duration: 2), S(phase: .exhale, duration: 6), S(phase: .rest, duration: 1)]
        let segments = Array(repeating: cycle, count: 22).flatMap { $0 }
        let tone = BreathTone(segments: segments, sampleRate: Self.rate, seed: 3)
        let toneNs = Self.time(units: tone.frameCount) {
            var t = tone
            return Self.mono(frames: tone.frameCount) { t.render(adding: $0, gain: 1) }
        }
        Self.report("breath tone", toneNs, "frame")
    }

    @Test("ns per frame of the limiter, meters, chimes, breath tone and beds",
          .enabled(if: ProcessInfo.processInfo.environment["SOOTHE_DSP_BENCH"] != nil))
    func benchmark() {
        Self.benchLimiter()
        for kind in ChimeKind.allCases where Self.wanted("chime \(kind.rawValue)") {
            let oscillators = kind.partials.reduce(0) { $0 + ($1.beat > 0 ? 2 : 1) }
            let probe = ChimeVoice(kind: kind, strikes: 1, sampleRate: Self.rate, seed: 1)
            let ringFrames = probe.frameCount
            let ns = Self.time(units: ringFrames, repeats: 5) {
                var voice = probe
                return Self.mono(frames: ringFrames) { voice.render(adding: $0, gain: 1) }
            }
            Self.report("chime \(kind.rawValue)", ns, "frame")
            Self.report("chime \(kind.rawValue) per oscillator", ns / Double(oscillators), "osc·frame")
        }

        if Self.wanted("breath tone") { Self.benchBreathTone() }
        var beds = AmbienceSound.allCases.map { kind in
            ("ambience \(kind.rawValue)", AmbienceBed(kind: kind, duration: 60, sampleRate: Self.rate, seed: 2))
        }
        // The busiest settings of the tonal beds: bells every 1.6–4.5 s; tones moving all along.
        beds.append(("ambience music bells", AmbienceBed(
            kind: .music, duration: 60, sampleRate: Self.rate, seed: 2, music: MusicSettings(style: .bells, chordSeconds: 4))))
        beds.append(("ambience isochronic glide", AmbienceBed(
            kind: .isochronic, duration: 60, sampleRate: Self.rate, seed: 2,
            tones: ToneBedSettings(carrier: 1_400, beat: 40, endCarrier: 100, endBeat: 1))))
        for (name, bed) in beds where Self.wanted(name) {
            let bedFrames = Int(60 * Self.rate)
            let ns = Self.time(units: bedFrames, repeats: Self.bedRepeats) {
                var b = bed
                var l = [Float](repeating: 0, count: Self.block), r = l
                var check: Float = 0
                var done = 0
                l.withUnsafeMutableBufferPointer { lb in
                    r.withUnsafeMutableBufferPointer { rb in
                        while done < bedFrames {
                            b.render(addingLeft: lb, right: rb, gain: 1)
                            check += lb[0] + rb[1]
                            done += Self.block
                        }
                    }
                }
                return check
            }
            Self.report("\(name) (stereo)", ns, "stereo frame")
        }
    }
}
