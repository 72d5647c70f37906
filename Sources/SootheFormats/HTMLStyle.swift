import SootheCore

/// The preview page's style sheet: calm, readable at phone width, visible focus, no web fonts.
enum HTMLStyle {
    /// The CSS for a palette and layout.
    static func css(palette p: HTMLPalette, layout: HTMLTimelineLayout) -> String {
        var css = """
            *, *::before, *::after { box-sizing: border-box; }
            html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
            body { margin: 0; background: \(p.page); color: \(p.text);
              font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
            .preview { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
            header { margin-bottom: 1.25rem; }
            .eyebrow { margin: 0; color: \(p.mutedText); font-size: .8rem; letter-spacing: .08em; text-transform: uppercase; }
            h1 { margin: .15rem 0 .4rem; font-size: clamp(1.5rem, 5vw, 2.2rem); font-weight: 600; line-height: 1.2; }
            h2 { margin: 0 0 .5rem; font-size: 1.1rem; font-weight: 600; }
            .summary { margin: 0 0 .9rem; max-width: 46rem; font-size: 1.05rem; }
            .facts { display: flex; flex-wrap: wrap; gap: .5rem; margin: 0; padding: 0; }
            .facts div { background: \(p.surface); border: 1px solid \(p.grid); border-radius: 999px; padding: .15rem .75rem; }
            .facts dt { display: inline; color: \(p.mutedText); font-size: .85rem; }
            .facts dt::after { content: ": "; }
            .facts dd { display: inline; margin: 0; font-weight: 600; font-size: .9rem; }
            section { background: \(p.surface); border: 1px solid \(p.grid); border-radius: 14px; padding: 1rem; margin: 0 0 1rem; }
            audio { display: block; width: 100%; }
            .caption { min-height: 1.6em; margin: .6rem 0 0; font-size: 1.05rem; color: \(p.text); }
            .hint { margin: 0 0 .75rem; color: \(p.mutedText); font-size: .9rem; }
            .chart { display: flex; align-items: flex-start; }
            .lane-names { flex: none; }
            .scroller { flex: 1 1 auto; min-width: 0; overflow-x: auto; overflow-y: hidden; border-radius: 8px;
              scrollbar-color: \(p.mutedText) transparent; overscroll-behavior-x: contain; }
            .scroller svg { display: block; }
            svg text { font-family: inherit; }
            .lane-name { fill: \(p.text); font-size: 13px; font-weight: 600; }
            .lane-note, .lane-empty { fill: \(p.mutedText); font-size: 11px; }
            .band { fill: \(p.laneBand); }
            .grid { stroke: \(p.grid); stroke-width: 1; }
            .tick { fill: \(p.mutedText); font-size: 11px; text-anchor: middle; font-variant-numeric: tabular-nums; }
            .axis text:first-of-type { text-anchor: start; }
            .cue, .bed { stroke-width: 1.25; cursor: default; outline: none; }
            .cue:hover, .bed:hover { stroke-width: 2.5; }
            .cue.now { stroke-width: 2.5; filter: saturate(1.6); }
            .kind-pause { stroke-dasharray: 3 2; }
            .kind-pause.stretched { stroke-dasharray: 8 2; stroke-width: 2; }
            .bed-name { fill: \(p.text); font-size: 12px; pointer-events: none; }
            .playhead line { stroke: \(p.playhead); stroke-width: 2; }
            .playhead circle { fill: \(p.playhead); }
            .playhead { pointer-events: none; }
            [data-audio="ready"] .cue, [data-audio="pending"] .cue { cursor: pointer; }
            .detail { margin: .75rem 0 .5rem; min-height: 3em; padding: .5rem .75rem; border-left: 4px solid \(p.accent);
              background: \(p.page); border-radius: 0 8px 8px 0; }
            .detail-when { display: block; color: \(p.mutedText); font-size: .85rem; font-variant-numeric: tabular-nums; }
            .legend { display: flex; flex-wrap: wrap; gap: .35rem 1rem; list-style: none; margin: .5rem 0 0; padding: 0;
              font-size: .85rem; color: \(p.mutedText); }
            .legend li { display: flex; align-items: center; gap: .4rem; }
            .swatch { display: inline-block; width: 1.1rem; height: .8rem; border-radius: 3px; border: 1.5px solid; }
            details.cue-table { background: \(p.surface); border: 1px solid \(p.grid); border-radius: 14px; padding: .75rem 1rem; }
            details.cue-table summary { cursor: pointer; font-weight: 600; }
            .table-scroll { overflow-x: auto; margin-top: .75rem; }
            table { border-collapse: collapse; width: 100%; font-size: .9rem; }
            caption { text-align: left; color: \(p.mutedText); padding-bottom: .4rem; }
            th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid \(p.grid); vertical-align: top; }
            td:first-child, td:nth-child(2) { white-space: nowrap; font-variant-numeric: tabular-nums; }
            tr.now td { background: \(p.laneBand); }
            button.seek { font: inherit; color: \(p.accent); background: none; border: 1px solid \(p.grid); border-radius: 6px;
              padding: .05rem .4rem; cursor: pointer; font-variant-numeric: tabular-nums; }
            a, summary { color: \(p.accent); }
            :focus-visible:not(.cue):not(.bed) { outline: 3px solid \(p.focus); outline-offset: 2px; }
            footer { color: \(p.mutedText); font-size: .85rem; margin-top: 1.5rem; }
            .overview { margin: 0 0 .6rem; cursor: pointer; }
            .overview-drawing { display: block; width: 100%; height: 40px; background: \(p.laneBand); border-radius: 6px; }
            .overview-speech { fill: \(p.speech.stroke); }
            .overview-breath { fill: \(p.swatch(for: .inhale).stroke); }
            .overview-chime { fill: \(p.chime.stroke); }
            .overview-window { fill: none; stroke: \(p.focus); stroke-width: 2; vector-effect: non-scaling-stroke; }
            .overview-axis { display: flex; justify-content: space-between; margin: .15rem 0 0; color: \(p.mutedText);
              font-size: .75rem; font-variant-numeric: tabular-nums; }
            .speech-label { pointer-events: none; }
            .speech-label text { fill: \(p.text); font-size: 11px; }
            td:nth-child(4) { overflow-wrap: anywhere; }
            @media (max-width: 480px) {
              .preview { padding: 1rem .6rem 2rem; }
              section { padding: .75rem; }
              .facts div { padding: .1rem .6rem; }
              details.cue-table { padding: .6rem .5rem; }
              /* Each cue as two lines: start, length, kind and line, then what happens, full width. */
              .cue-table table, .cue-table tbody, .cue-table caption { display: block; }
              .cue-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
              .cue-table tr { display: grid; grid-template-columns: auto auto 1fr auto; border-bottom: 1px solid \(p.grid); }
              .cue-table td { border-bottom: 0; padding: .25rem .4rem; }
              .cue-table td:nth-child(4) { grid-column: 1 / -1; grid-row: 2; padding-top: 0; }
              .cue-table td:nth-child(5) { grid-column: 4; grid-row: 1; text-align: right; color: \(p.mutedText); }
            }
            @media (prefers-reduced-motion: reduce) { .scroller { scroll-behavior: auto; } }

            """
        for (name, swatch) in p.swatches {
            let selector = name.hasPrefix("phase-") ? ".cue.\(name)" : (name == "ambience" ? ".bed" : ".cue.kind-\(name)")
            css += "\(selector) { fill: \(swatch.fill); stroke: \(swatch.stroke); }\n"
            css += ".swatch-\(name) { background: \(swatch.fill); border-color: \(swatch.stroke); }\n"
        }
        // After the swatches, so the focus ring wins over a swatch's own outline.
        css += ".cue:focus-visible, .bed:focus-visible, .cue.selected { stroke: \(p.focus); stroke-width: 3; }\n"
        css += ".lane-names, .scroller svg { height: \(HTMLText.coordinate(layout.height))px; }\n"
        return css
    }
}
