/// The report's style sheet: readable on a laptop screen, printable on A4 or Letter.
enum ReportStyle {
    static let css = """
        :root { --ink: #1d2430; --muted: #5b6573; --line: #d5dae1; --accent: #2a6fb0; --accent-light: #c9dcf0; --warn: #9a5b00; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1000px; margin: 0 auto; padding: 24px 28px 40px; }
        h1 { font-size: 28px; margin: 0 0 6px; }
        h2 { font-size: 20px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
        h3 { font-size: 16px; margin: 18px 0 6px; }
        p { margin: 6px 0; }
        .description { max-width: 80ch; }
        .facts, figcaption, footer, .note { color: var(--muted); font-size: 13px; }
        .headline { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px 28px; margin: 8px 0 14px; }
        .headline .value { font-size: 36px; font-weight: 650; font-variant-numeric: tabular-nums; }
        .headline .interval { font-size: 16px; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 13.5px; font-variant-numeric: tabular-nums; }
        th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        th { font-weight: 600; background: #f4f6f8; }
        @media screen and (min-width: 1100px) { td:first-child, td.num { white-space: nowrap; } }
        .num { text-align: right; }
        #table-strategies, #table-strategy-percentiles { font-size: 12.5px; }
        code { font-size: 12.5px; }
        figure { margin: 10px 0 18px; }
        svg.chart { width: 100%; height: auto; display: block; }
        .grid { stroke: #e6e9ed; stroke-width: 1; }
        .axis { stroke: #6b7480; stroke-width: 1; }
        .zero { stroke: #6b7480; stroke-width: 1; stroke-dasharray: 2 2; }
        .tick, .legend { font-size: 11px; fill: var(--muted); }
        .axis-title { font-size: 12px; fill: var(--ink); }
        .row-label { font-size: 11.5px; fill: var(--ink); }
        .value-label { font-size: 10.5px; fill: var(--ink); font-weight: 600; }
        .marker-label { font-size: 11px; fill: var(--ink); }
        .bar { fill: var(--accent); }
        .tornado-low { fill: #9cc3e6; }
        .tornado-high { fill: #1f5f99; }
        .span { fill: #eef3f9; }
        .curve { fill: none; stroke: var(--accent); stroke-width: 2; }
        .guide { stroke: #b9c2cc; stroke-width: 1; stroke-dasharray: 4 3; }
        .marker-mean { stroke: #c0392b; stroke-width: 2; }
        .marker-interval { stroke: #1d2430; stroke-width: 1.2; stroke-dasharray: 5 3; }
        .band-0 { fill: var(--accent-light); }
        .band-1 { fill: #7fa9d3; }
        .band-2 { fill: var(--accent); }
        .median { stroke: #1d2430; stroke-width: 2; }
        .mean { fill: #c0392b; stroke: #fff; stroke-width: 1.5; }
        .fan-90 { fill: var(--accent-light); }
        .fan-50 { fill: #7fa9d3; }
        .fan-median { fill: none; stroke: #163d63; stroke-width: 2; }
        .warnings li { color: var(--warn); }
        .recommendation { font-size: 17px; font-weight: 600; margin: 8px 0; padding: 10px 14px; border-left: 4px solid var(--accent); background: #f4f8fc; }
        .series { fill: none; stroke-width: 2; }
        .series-0 { stroke: #2a6fb0; }
        .series-1 { stroke: #c0392b; }
        .series-2 { stroke: #2e8b57; }
        .series-3 { stroke: #8e44ad; }
        .series-4 { stroke: #d68910; }
        .series-5 { stroke: #1d2430; stroke-dasharray: 5 3; }
        @media print {
          body { font-size: 11pt; }
          main { max-width: none; padding: 0; }
          section, figure, table { break-inside: avoid; page-break-inside: avoid; }
          h2 { break-after: avoid; }
          @page { margin: 14mm; }
        }
        """

    /// The styles of the customers-by-state chart (`SVGStackedFanChart`), added to the page
    /// only when it has that chart, so that the page of a scenario without dynamics is as before.
    static let stateChartCSS = """
        .state { stroke: #fff; stroke-width: 0.5; }
        .state-0 { fill: #1f5f99; }
        .state-1 { fill: #7fa9d3; }
        .state-2 { fill: #2e8b57; }
        .state-3 { fill: #a8d5b5; }
        .state-4 { fill: #d68910; }
        .state-5 { fill: #f3c77c; }
        .state-6 { fill: #8e44ad; }
        .state-7 { fill: #cdb3dc; }
        .total-band { fill: none; stroke: #1d2430; stroke-width: 1.5; stroke-dasharray: 5 3; }
        """
}
