/// Turns a ``Script`` into a ``Timeline``: a pure function of the script, the voice profiles and
/// a speech-timing provider.
///
/// Steps run one after another from 0 s; nothing is added before or between them. A `say` lasts
/// as long as its synthesised speech plus `after`; a `chime` lasts its `wait` while its tail rings
/// on; a `breathe` lasts its cycles. The session ends at the end of the last step, or later if a
/// chime is still ringing then.
public struct TimelineBuilder: Sendable {
    public var voices: [String: VoiceProfile]
    public var timing: any SpeechTiming
    /// Profile files with errors, by name, with those errors: a session that names one gets an
    /// error at its `voice:` and the file's own errors.
    public var invalidVoices: [String: [Diagnostic]] = [:]
    /// Answers for the sound files a script names (their lengths, or why they cannot be used);
    /// nil: every sound file is an error.
    public var sounds: (any SoundFileProbe)?

    /// The longest session accepted.
    public static let maximumLength = 24 * 3600.0
    /// The most cues a session may produce.
    public static let maximumCues = 1_000_000

    public init(voices: [String: VoiceProfile], timing: any SpeechTiming) {
        self.voices = voices
        self.timing = timing
    }

    /// Builds the timeline, or returns nil with errors. Warnings (e.g. a prompt longer than its
    /// phase) come with a timeline. Throws the speech provider's ``SpeechUnavailable``: the
    /// machine cannot speak now, which says nothing about the script.
    public func build(_ script: Script) throws(SpeechUnavailable) -> (timeline: Timeline?, diagnostics: [Diagnostic]) {
        var run = BuildRun(script: script, voices: voices, timing: timing)
        run.invalidVoices = invalidVoices
        run.sounds = sounds
        // Reject absurd sizes before any work: a lower bound of the length and an upper bound of
        // the cue count, both from structure alone.
        let (minimumLength, maximumCues) = run.estimate(script.steps)
        if minimumLength > Self.maximumLength {
            run.error(script.steps.first?.location ?? .start, "the session would last at least \(DurationParser.clock(minimumLength)), longer than the 24-hour limit")
        } else if maximumCues > Double(Self.maximumCues) {
            run.error(script.steps.first?.location ?? .start, "the session would have about \(Int(min(maximumCues, 1e15))) cues, more than the limit of \(Self.maximumCues)")
        }
        if run.diagnostics.hasErrors { return (nil, run.diagnostics.sortedByLocation()) }

        guard let voice = script.inlineVoice ?? run.profile(named: script.voice, at: script.voiceLocation) else {
            return (nil, run.diagnostics.sortedByLocation())
        }
        if timing.wantsPreparation {
            // A dry run with estimated lengths finds every phrase; the speech provider gets them
            // all at once (and synthesises them side by side) before the real run asks one by one.
            var dry = BuildRun(script: script, voices: voices, timing: EstimatedSpeechTiming())
            dry.sounds = sounds
            dry.sessionVoice = voice
            dry.phrases = []
            dry.emit(script.steps, item: nil)
            var seen = Set<SpokenPhrase>()
            timing.prepare((dry.phrases ?? []).filter { seen.insert($0).inserted })
        }
        var emitted = try emission(script, voice: voice, factor: script.length == nil ? nil : 1, lengths: [:])
        var fit: LengthFit?
        if let target = script.length, !emitted.diagnostics.hasErrors {
            (emitted, fit) = try fitted(script, voice: voice, to: target, natural: emitted)
        }
        run.diagnostics += emitted.diagnostics
        let diagnostics = run.diagnostics.sortedByLocation()
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        let cues = emitted.cues.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }.map(\.element)
        let chapters = ChapterTiling.tile(emitted.sections, policy: script.chapters, duration: emitted.end, sessionTitle: script.title)
        var timeline = Timeline(
            id: script.id, title: script.title, summary: script.summary, technique: script.technique,
            voice: voice, ambience: script.ambience, duration: emitted.end, cues: cues,
            steps: emitted.spans, chapters: chapters)
        timeline.when = script.when
        timeline.fit = fit
        return (timeline, diagnostics)
    }

    /// One pass over the steps with the stretchable pauses at `factor` (nil: no fitting, every
    /// pause as written), asking `lengths` before the speech provider.
    private func emission(_ script: Script, voice: VoiceProfile, factor: Double?, lengths: [SpokenPhrase: Double]) throws(SpeechUnavailable) -> BuildRun {
        var run = BuildRun(script: script, voices: voices, timing: timing)
        run.invalidVoices = invalidVoices
        run.sounds = sounds
        run.sessionVoice = voice
        run.lengths = lengths
        run.reuseLengths = !lengths.isEmpty
        if let factor {
            run.pauseFactor = factor
            run.onlyMarked = LengthFitting.onlyMarked(script.steps)
        }
        if case .file(let file, _) = script.ambience?.source { _ = run.soundLength(file, as: .bed) }
        run.emit(script.steps, item: nil)
        if let unavailable = run.unavailable { throw unavailable }
        if run.end > Self.maximumLength {
            run.error(.start, "the session lasts \(DurationParser.clock(run.end)), longer than the 24-hour limit")
        } else if run.cues.count > Self.maximumCues {
            run.error(script.length?.location ?? .start, "the session would have more than \(Self.maximumCues) cues, the limit (its stretched pauses ring too many interval bells)")
        }
        return run
    }

    /// The pass whose stretched pauses make the session last `target`, found from the `natural`
    /// one (every pause as written): the length grows steadily with the factor, so the search
    /// closes in on it from both sides. A target out of reach is an error at `length:`.
    private func fitted(_ script: Script, voice: VoiceProfile, to target: LengthTarget, natural: BuildRun) throws(SpeechUnavailable) -> (BuildRun, LengthFit?) {
        let goal = target.seconds
        let tolerance = LengthFitting.tolerance
        var result = natural
        func done(_ run: BuildRun, _ factor: Double) -> (BuildRun, LengthFit?) {
            (run, LengthFit(target: goal, factor: factor, pauses: run.stretchedPauses))
        }
        if abs(natural.end - goal) <= tolerance / 10 { return done(natural, 1) }
        let asked = "\(target.askedBy) \(DurationParser.clock(goal))"
        guard natural.stretchableSeconds > 0 else {
            if abs(natural.end - goal) <= tolerance { return done(natural, 1) }
            result.error(target.location, "\(asked) cannot be reached: no pause can stretch (the script has none, or each says 'stretch: false'), and the session lasts \(Self.clock(natural.end))")
            return (result, nil)
        }
        let lengths = natural.lengths
        // No factor past the one that makes the pauses alone outlast the longest session.
        let longest = min(LengthFitting.longestFactor, max(1, Self.maximumLength / natural.stretchableSeconds))
        var low = (factor: LengthFitting.shortestFactor, run: try emission(script, voice: voice, factor: LengthFitting.shortestFactor, lengths: lengths))
        if low.run.end > goal + tolerance {
            result.error(target.location, "\(asked) cannot be reached: the shortest the session can be, the pauses that stretch at a quarter of their length, is \(Self.clock(low.run.end)) (\(Self.clock(low.run.end - goal)) over)")
            return (result, nil)
        }
        var high = (factor: longest, run: try emission(script, voice: voice, factor: longest, lengths: lengths))
        if high.run.end < goal - tolerance {
            result.error(target.location, "\(asked) cannot be reached: the longest the session can be, the pauses that stretch at \(ParseRun.trim(longest)) times their length, is \(Self.clock(high.run.end)) (\(Self.clock(goal - high.run.end)) short)")
            return (result, nil)
        }
        if natural.end < goal { low = (1, natural) } else { high = (1, natural) }
        // Regula falsi (Illinois): the length is continuous and rises with the factor.
        var lastSide = 0
        var lowError = low.run.end - goal, highError = high.run.end - goal
        var best = abs(lowError) < abs(highError) ? low : high
        for _ in 0..<60 {
            if abs(best.run.end - goal) <= tolerance / 10 { break }
            let factor = highError == lowError ? (low.factor + high.factor) / 2
                : low.factor - lowError * (high.factor - low.factor) / (highError - lowError)
            let run = try emission(script, voice: voice, factor: factor, lengths: lengths)
            let error = run.end - goal
            if abs(error) < abs(best.run.end - goal) { best = (factor, run) }
            if error < 0 {
                low = (factor, run)
                lowError = error
                if lastSide == -1 { highError /= 2 }
                lastSide = -1
            } else {
                high = (factor, run)
                highError = error
                if lastSide == 1 { lowError /= 2 }
                lastSide = 1
            }
        }
        if abs(best.run.end - goal) > tolerance {
            result.error(target.location, "\(asked) cannot be reached: the nearest the pauses can bring the session is \(Self.clock(best.run.end))")
            return (result, nil)
        }
        return done(best.run, best.factor)
    }

    /// `m:ss`, or seconds with tenths under a minute (`20.3 s`).
    static func clock(_ seconds: Double) -> String {
        seconds < 60 ? "\((seconds * 10).rounded() / 10) s" : DurationParser.clock(seconds)
    }
}

/// The state of one build.
private struct BuildRun {
    let script: Script
    let voices: [String: VoiceProfile]
    let timing: any SpeechTiming
    var invalidVoices: [String: [Diagnostic]] = [:]
    var sessionVoice = VoiceProfile.fallback {
        didSet { ownWords = PhraseTable.table(for: SpeechLanguage(espeak: sessionVoice.espeak)) }
    }
    /// The words soothe adds in the session voice's language; nil when soothe has none in it.
    var ownWords: PhraseTable? = .english
    /// Whether the missing table of the session voice's language has been warned about.
    var warnedOwnWords = false
    var diagnostics: [Diagnostic] = []
    var cues: [Cue] = []
    var spans: [StepSpan] = []
    /// What chapters are made from: one per span.
    var sections: [ChapterTiling.Section] = []
    /// A `chapter:` mark waiting for the next span (a `repeat`'s, for its first step's).
    var pendingMark: ChapterMark?
    var time = 0.0
    var ringEnd = 0.0
    /// Voices whose synthesis failed, so each failure is reported once.
    var failedVoices: Set<String> = []
    /// Prompt lengths already warned about.
    var warnedPrompts: Set<SourceLocation> = []
    /// Every phrase asked about, in order, when collecting (nil: not collecting).
    var phrases: [SpokenPhrase]?
    /// Set when speech cannot be had at all: nothing more is asked, and the build throws it.
    var unavailable: SpeechUnavailable?
    var sounds: (any SoundFileProbe)?
    /// Each sound file's answer, by path, and the places already told it cannot be read.
    var soundLengths: [String: Result<Double, SoundFileProblem>] = [:]
    var reportedSounds: Set<SourceLocation> = []
    /// Speech lengths asked so far, and whether to answer from them (a fitting pass after the
    /// first: the provider is asked about each phrase once per occurrence in the first only).
    var lengths: [SpokenPhrase: Double] = [:]
    var reuseLengths = false
    /// The factor stretchable pauses are multiplied by (nil: not fitting to a length).
    var pauseFactor: Double?
    /// Whether only pauses marked `stretch: true` stretch.
    var onlyMarked = false
    /// Seconds of the stretchable pauses as written, and how many were stretched.
    var stretchableSeconds = 0.0
    var stretchedPauses = 0

    /// Where the session ends: its last step, a chime still ringing or a prompt still spoken.
    var end: Double {
        let speechEnd = cues.lazy.filter { $0.kind == .speech }.map(\.end).max() ?? 0
        return max(time, ringEnd, speechEnd)
    }

    init(script: Script, voices: [String: VoiceProfile], timing: any SpeechTiming) {
        self.script = script
        self.voices = voices
        self.timing = timing
    }

    mutating func error(_ at: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(.error, file: script.file, line: at.line, column: at.column, message))
    }

    mutating func warning(_ at: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(.warning, file: script.file, line: at.line, column: at.column, message))
    }

    mutating func profile(named name: String, at: SourceLocation) -> VoiceProfile? {
        if let profile = voices[name] { return profile }
        if name == VoiceProfile.fallback.name, voices.isEmpty { return .fallback }
        if let problems = invalidVoices[name] {
            if failedVoices.insert(name).inserted {
                let file = problems.first.map { " (\($0.file))" } ?? ""
                error(at, "voice profile '\(name)'\(file) has \(problems.count == 1 ? "an error" : "\(problems.count) errors"), so it cannot be used")
                diagnostics += problems
            }
            return nil
        }
        if !failedVoices.contains(name) {
            failedVoices.insert(name)
            let near = Suggestions.didYouMean(name, in: voices.keys.sorted())
            error(at, "unknown voice profile '\(name)'\(near) (profiles: \(voices.keys.sorted().joined(separator: ", ")))")
        }
        return nil
    }

    /// Seconds of `text` in `voice`, or nil after reporting why it cannot be spoken.
    mutating func speechLength(_ text: String, voice: VoiceProfile, at: SourceLocation) -> Double? {
        if unavailable != nil || failedVoices.contains(voice.name) { return nil }
        let phrase = SpokenPhrase(text: text, voice: voice)
        if reuseLengths, let known = lengths[phrase] { return known }
        phrases?.append(phrase)
        do {
            let seconds = try timing.speechDuration(of: text, voice: voice)
            lengths[phrase] = seconds
            return seconds
        } catch let failure as SpeechUnavailable {
            unavailable = failure
            return nil
        } catch {
            failedVoices.insert(voice.name)
            // A broken session voice is the `voice:` line's fault, not the first phrase's.
            let place = voice.name == script.voice && script.voiceLocation != .start ? script.voiceLocation : at
            self.error(place, "cannot speak with voice profile '\(voice.name)' (espeak-ng voice '\(voice.espeak)'): \(error)")
            return nil
        }
    }

    // MARK: Size estimate

    /// (a lower bound of seconds, an upper bound of cues) for `steps`, without speech.
    func estimate(_ steps: [Step]) -> (Double, Double) {
        var seconds = 0.0, cueCount = 0.0
        for step in steps {
            switch step.action {
            case .say(let say):
                seconds += say.after
                cueCount += 1
            case .pause(let pause):
                seconds += pause.duration
                cueCount += 1 + (pause.chimeEvery.map { pause.duration / $0 } ?? 0)
            case .chime(let chime):
                seconds += chime.wait
                cueCount += 1
            case .breathe(let breathe):
                let first = breathe.pattern.cycleLength
                let average = (first + (breathe.to?.cycleLength ?? first)) / 2
                let cycles: Double
                switch breathe.length {
                case .cycles(let n): cycles = Double(n)
                case .duration(let d): cycles = max(1, (d / average).rounded())
                }
                seconds += cycles * average
                // Phases, prompts and counted seconds.
                let counted = breathe.count ? min(cycles * average, cycles * Double(PhraseTable.highestCount)) : 0
                cueCount += cycles * 10 + counted
            case .repeat(let block):
                let (innerSeconds, innerCues) = estimate(block.steps)
                seconds += innerSeconds * Double(block.items.count)
                cueCount += innerCues * Double(block.items.count)
            }
            if seconds > TimelineBuilder.maximumLength * 2 || cueCount > Double(TimelineBuilder.maximumCues) * 2 { break }
        }
        return (seconds, cueCount)
    }

    // MARK: Emission

    mutating func emit(_ steps: [Step], item: String?) {
        for step in steps {
            if diagnostics.hasErrors && cues.count > 10_000 { return }
            if let mark = step.chapter, pendingMark == nil {
                if case .named(let title) = mark { pendingMark = .named(Self.substitute(title, item: item)) } else { pendingMark = mark }
            }
            switch step.action {
            case .say(let say): emitSay(say, item: item, at: step.location)
            case .pause(let pause): emitPause(pause, at: step.location)
            case .chime(let chime): emitChime(chime, at: step.location)
            case .breathe(let breathe): emitBreathe(breathe, item: item, at: step.location)
            case .repeat(let block):
                for copy in block.items { emit(block.steps, item: copy ?? item) }
            }
        }
    }

    mutating func beginSpan(kind: StepKind, label: String, at: SourceLocation) -> Int {
        spans.append(StepSpan(index: spans.count, kind: kind, label: label, start: time, end: time, line: at.line))
        sections.append(ChapterTiling.Section(kind: kind, start: time, mark: pendingMark))
        pendingMark = nil
        return spans.count - 1
    }

    static func substitute(_ text: String, item: String?) -> String {
        guard let item else { return text }
        return text.replacingAll("{item}", with: item)
    }

    mutating func emitSay(_ say: Step.Say, item: String?, at: SourceLocation) {
        let text = Self.substitute(say.text, item: item)
        var voice = sessionVoice
        if let inline = say.inlineVoice {
            voice = inline
        } else if let name = say.voice {
            guard let profile = profile(named: name, at: say.voiceLocation ?? at) else { return }
            voice = profile
        }
        voice = voice.withRate(say.rate)
        let span = beginSpan(kind: .say, label: Self.label(for: text), at: at)
        sections[span].words = text
        guard let length = speechLength(text, voice: voice, at: at) else { return }
        cues.append(Cue(start: time, end: time + length, line: at.line, step: span, .speech(.init(text: text, voice: voice))))
        if script.wordsFromPhraseTable { spokeOwnWords(at: at) }
        time += length + say.after
        spans[span].end = time
    }

    mutating func emitPause(_ written: Step.Pause, at: SourceLocation) {
        var pause = written
        let stretches = pauseFactor != nil && LengthFitting.stretches(pause, onlyMarked: onlyMarked)
        if stretches, let factor = pauseFactor {
            stretchableSeconds += pause.duration
            pause.duration = LengthFitting.stretched(pause.duration, factor: factor)
        }
        let span = beginSpan(kind: .pause, label: "Pause \(DurationParser.clock(pause.duration))", at: at)
        let start = time
        var cue = Cue(start: start, end: start + pause.duration, line: at.line, step: span, .pause)
        if stretches, pause.duration != written.duration {
            cue.written = written.duration
            stretchedPauses += 1
        }
        cues.append(cue)
        if let every = pause.chimeEvery {
            var k = 1.0
            // A stretched pause rings more bells: stop past the cue limit (then an error).
            while start + k * every < start + pause.duration - 1e-9, cues.count <= TimelineBuilder.maximumCues {
                let bell = start + k * every
                addChime(kind: pause.chime, level: -3, strikes: 1, at: bell, line: at.line, step: span)
                k += 1
            }
        }
        time = start + pause.duration
        spans[span].end = time
    }

    mutating func emitChime(_ chime: Step.Chime, at: SourceLocation) {
        let span = beginSpan(kind: .chime, label: "Chime: \(chime.sound.name)", at: at)
        switch chime.sound {
        case .builtIn(let kind):
            addChime(.builtIn(kind), length: kind.length(strikes: chime.strikes), level: chime.level, strikes: chime.strikes, at: time, line: at.line, step: span)
        case .file(let file):
            // A file rings whole at every strike, strikes the usual interval apart.
            if let seconds = soundLength(file, as: .chime) {
                let length = seconds + Double(chime.strikes - 1) * ChimeKind.strikeInterval
                addChime(.file(file), length: length, level: chime.level, strikes: chime.strikes, at: time, line: at.line, step: span)
            }
        }
        time += chime.wait
        spans[span].end = time
    }

    mutating func addChime(kind: ChimeKind, level: Double, strikes: Int, at start: Double, line: Int, step: Int) {
        addChime(.builtIn(kind), length: kind.length(strikes: strikes), level: level, strikes: strikes, at: start, line: line, step: step)
    }

    mutating func addChime(_ sound: ChimeSound, length: Double, level: Double, strikes: Int, at start: Double, line: Int, step: Int) {
        let end = start + length
        cues.append(Cue(start: start, end: end, line: line, step: step, .chime(.init(sound: sound, level: level, strikes: strikes))))
        ringEnd = max(ringEnd, end)
    }

    /// Seconds of a sound file, or nil after reporting (once per place) why it cannot be used.
    mutating func soundLength(_ file: SoundFile, as use: SoundFile.Use) -> Double? {
        let answer: Result<Double, SoundFileProblem>
        if let known = soundLengths[file.path] {
            answer = known
        } else {
            answer = sounds?.length(of: file, as: use) ?? .failure(SoundFileProblem("sound files cannot be read here"))
            soundLengths[file.path] = answer
        }
        switch answer {
        case .success(let seconds): return seconds
        case .failure(let problem):
            if reportedSounds.insert(file.location).inserted {
                error(file.location, "cannot read sound '\(file.written)': \(problem.reason)")
            }
            return nil
        }
    }

    mutating func emitBreathe(_ breathe: Step.Breathe, item: String?, at: SourceLocation) {
        let first = breathe.pattern
        let last = breathe.to ?? first
        let cycleCount: Int
        switch breathe.length {
        case .cycles(let n): cycleCount = n
        case .duration(let seconds):
            // Round to the count whose total length is nearest: a whole number of breaths.
            let average = (first.cycleLength + last.cycleLength) / 2
            cycleCount = max(1, Int((seconds / average).rounded()))
        }
        let notation = breathe.to.map { "\(first.notation) → \($0.notation)" } ?? first.notation
        let span = beginSpan(kind: .breathe, label: "Breathe \(notation) × \(cycleCount)", at: at)
        sections[span].words = ChapterTitles.breathing(first, words: ownWords ?? .english)
        let sectionStart = time
        let promptCycles = min(breathe.promptCycles ?? cycleCount, cycleCount)
        var shortestPhase: [BreathPhase: Double] = [:]
        var promptLengths: [BreathPhase: Double] = [:]

        for cycle in 0..<cycleCount {
            let fraction = cycleCount > 1 ? Double(cycle) / Double(cycleCount - 1) : 0
            let pattern = first.interpolated(to: last, fraction: fraction)
            let guided = cycle < promptCycles
            for (phase, length) in pattern.phases where length > 0 {
                let phaseStart = time
                cues.append(Cue(
                    start: phaseStart, end: phaseStart + length, line: at.line, step: span,
                    .breath(.init(phase: phase, cycle: cycle + 1, tone: breathe.tone))))
                var spokenUntil = phaseStart
                if guided, let prompt = breathe.prompts[phase] {
                    let text = Self.substitute(prompt.text, item: item)
                    if let spoken = speechLength(text, voice: sessionVoice, at: prompt.location) {
                        cues.append(Cue(
                            start: phaseStart, end: phaseStart + spoken, line: prompt.location.line, step: span,
                            .speech(.init(text: text, voice: sessionVoice, cycle: cycle + 1))))
                        spokenUntil = phaseStart + spoken
                        if script.wordsFromPhraseTable { spokeOwnWords(at: at) }
                        promptLengths[phase] = spoken
                        shortestPhase[phase] = min(shortestPhase[phase] ?? .infinity, length)
                    }
                }
                if guided && breathe.count {
                    spokenUntil = emitCount(phaseStart: phaseStart, length: length, after: spokenUntil, cycle: cycle + 1, at: at, step: span)
                }
                time = phaseStart + length
            }
        }
        for (phase, spoken) in promptLengths {
            guard let phaseLength = shortestPhase[phase], spoken > phaseLength + 0.0005,
                let prompt = breathe.prompts[phase], !warnedPrompts.contains(prompt.location)
            else { continue }
            warnedPrompts.insert(prompt.location)
            warning(prompt.location, "the \(phase.rawValue) prompt '\(SpeechText.spokenText(of: prompt.text))' takes \(Self.format(spoken)) s to say, longer than the \(Self.format(phaseLength)) s \(phase.rawValue)")
        }
        spans[span].end = time
        let minutes = (time - sectionStart) / 60
        spans[span].breathsPerMinute = minutes > 0 ? Double(cycleCount) / minutes : nil
    }

    /// Counts the seconds of a phase softly ("two, three, four", in the session voice's
    /// language), up to ``PhraseTable/highestCount``, skipping counts that would start while
    /// something is still being said. Returns when the last count ends.
    mutating func emitCount(phaseStart: Double, length: Double, after spokenUntil: Double, cycle: Int, at: SourceLocation, step: Int) -> Double {
        var until = spokenUntil
        let words = ownWords ?? .english
        var second = 2
        while Double(second - 1) < length - 0.5, let word = words.number(second) {
            let start = phaseStart + Double(second - 1)
            if start >= until - 1e-9, let spoken = speechLength(word, voice: sessionVoice, at: SourceLocation(line: at.line, column: 1)) {
                cues.append(Cue(
                    start: start, end: start + spoken, line: at.line, step: step,
                    .speech(.init(text: word, voice: sessionVoice, level: -6, cycle: cycle))))
                until = start + spoken
                spokeOwnWords(at: at)
            }
            second += 1
        }
        return until
    }

    /// Notes that soothe's own words were spoken by the step at `at`: when the session voice's
    /// language has no ``PhraseTable`` they were English, which gets one warning a build.
    mutating func spokeOwnWords(at: SourceLocation) {
        guard ownWords == nil, !warnedOwnWords else { return }
        warnedOwnWords = true
        let languages = PhraseTable.all.map(\.name)
        warning(at, "soothe has no words of its own in '\(SpeechLanguage(espeak: sessionVoice.espeak))', the language of voice '\(sessionVoice.name)' (espeak-ng '\(sessionVoice.espeak)'): the words it adds (counted seconds, the breathe guidance) are spoken in English; it has them in \(languages.dropLast().joined(separator: ", ")) and \(languages.last ?? "")")
    }

    static func label(for text: String) -> String {
        let spoken = SpeechText.spokenText(of: text)
        return spoken.count > 48 ? String(spoken.prefix(45)) + "..." : spoken
    }

    static func format(_ seconds: Double) -> String {
        String((seconds * 10).rounded() / 10)
    }
}

extension String {
    /// Every occurrence of `target` replaced (Foundation-free).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
