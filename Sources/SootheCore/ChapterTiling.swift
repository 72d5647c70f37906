/// Turns a timeline's steps into chapters that tile it, as ``ChapterPolicy`` describes.
enum ChapterTiling {
    /// What the tiling needs of one step span.
    struct Section {
        var kind: StepKind
        var start: Double
        /// The step's own `chapter:` mark.
        var mark: ChapterMark?
        /// A `say`'s text, or a `breathe` section's title in words.
        var words: String?
    }

    /// Chapters from 0 to `duration`, each running to the next one's start.
    static func tile(_ sections: [Section], policy: ChapterPolicy, duration: Double, sessionTitle: String) -> [ChapterSpan] {
        // Starts, each with a title or nil for "the first words from here".
        var starts: [(start: Double, title: String?)] = []
        var previousKind: StepKind?
        for section in sections {
            let runStarts = section.kind != .breathe && (previousKind == nil || previousKind == .breathe)
            // A breathing section right after another that would get the same title goes on it.
            let continues = section.kind == .breathe && previousKind == .breathe
            previousKind = section.kind
            if let mark = section.mark {
                switch mark {
                case .named(let title): starts.append((section.start, title))
                case .auto: starts.append((section.start, section.kind == .breathe ? section.words : nil))
                }
            } else if section.kind == .breathe {
                let title: String?
                switch policy.breathe {
                case .auto: title = section.words
                case .title(let fixed): title = fixed
                case .off: title = nil
                }
                if let title, !(continues && starts.last?.title == title) { starts.append((section.start, title)) }
            } else if runStarts {
                switch policy.speech {
                case .auto: starts.append((section.start, nil))
                case .title(let title): starts.append((section.start, title))
                case .off: break
                }
            }
            if section.kind == .say, let last = starts.indices.last, starts[last].title == nil {
                starts[last].title = section.words.flatMap(ChapterTitles.fromWords)
            }
        }
        // A stretch with no words joins the chapter before it; at the start, the one after it.
        var titled: [(start: Double, title: String)] = []
        var leading: Double?
        for (start, title) in starts {
            if let title {
                titled.append((leading ?? start, title))
                leading = nil
            } else if titled.isEmpty, leading == nil {
                leading = start
            }
        }
        if let first = titled.first, first.start > 0 {
            titled.insert((0, sessionTitle), at: 0)
        }
        var chapters: [ChapterSpan] = []
        for (index, entry) in titled.enumerated() {
            let end = index + 1 < titled.count ? titled[index + 1].start : duration
            if end > entry.start { chapters.append(ChapterSpan(title: entry.title, start: entry.start, end: end)) }
        }
        return chapters
    }
}
