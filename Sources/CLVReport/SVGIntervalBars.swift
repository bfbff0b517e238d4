/// Horizontal interval bars: one row per quantity, the widest interval thinnest, narrower
/// intervals thicker, a tick at the median and a dot at the mean (labelled with its value).
public enum SVGIntervalBars {
    /// The chart. Rows are drawn in the given order, top to bottom.
    ///
    /// - Parameter format: formats the mean printed beside each dot.
    /// - Complexity: O(rows · bands).
    public static func chart(id: String, title: String, rows: [IntervalRow], xTitle: String,
                             format: (Double) -> String, width: Double = 720) -> SVGElement {
        let longest = rows.map(\.label.count).max() ?? 0
        let rowHeight = 40.0
        var frame = ChartFrame(width: width, height: 0, left: min(260, 16 + 7 * Double(longest)), right: 32, top: 10, bottom: 48)
        frame.height = frame.top + frame.bottom + rowHeight * Double(max(1, rows.count))
        let values = rows.flatMap { row in [row.mean, row.median] + row.bands.flatMap { [$0.lower, $0.upper] } }.filter(\.isFinite)
        let lower = min(values.min() ?? 0, 0 < (values.min() ?? 0) && (values.min() ?? 0) < 0.25 * (values.max() ?? 0) ? 0 : (values.min() ?? 0))
        let x = LinearScale(domain: (lower, values.max() ?? 1), range: frame.plotX).nice(count: 6)
        var body: [SVGElement] = []
        let xTicks = x.ticks(count: 6)
        for tick in xTicks { body.append(.line(x1: x.position(tick), y1: frame.plotY.1, x2: x.position(tick), y2: frame.plotY.0, className: "grid")) }
        let zeroLine: Double? = x.domain.lower < 0 && x.domain.upper > 0 ? x.position(0) : nil
        if let zeroLine {
            body.append(.line(x1: zeroLine, y1: frame.plotY.1, x2: zeroLine, y2: frame.plotY.0, className: "zero"))
        }
        body += frame.xAxis(x, ticks: xTicks, labels: NumberFormat.axisLabels(xTicks), title: xTitle)
        for (i, row) in rows.enumerated() {
            let centre = frame.top + rowHeight * (Double(i) + 0.5)
            body.append(.label(row.label, x: frame.left - 10, y: centre + 4, anchor: "end", className: "row-label"))
            for (rank, band) in row.bands.enumerated() {
                let thickness = 4.0 + 6.0 * Double(rank)
                let a = x.position(band.lower), b = x.position(band.upper)
                body.append(.rect(x: a, y: centre - thickness / 2, width: b - a, height: thickness,
                                  className: "band band-\(rank)",
                                  title: "\(row.label): \(NumberFormat.level(band.level)) interval \(format(band.lower)) to \(format(band.upper))"))
            }
            let m = x.position(row.median)
            body.append(.line(x1: m, y1: centre - 9, x2: m, y2: centre + 9, className: "median"))
            let dot = x.position(row.mean)
            body.append(SVGElement("circle", [("cx", SVGElement.coordinate(dot)), ("cy", SVGElement.coordinate(centre)),
                                              ("r", "4.5"), ("class", "mean")],
                                   children: [SVGElement("title", text: "\(row.label): mean \(format(row.mean))")]))
            // The value beside its dot, on the side away from the zero line when it would cross it.
            let text = format(row.mean)
            let width = Double(text.count) * 6.5
            var anchor = dot > (frame.plotX.0 + frame.plotX.1) / 2 ? "end" : "start"
            if let zero = zeroLine, dot.isFinite {
                let start = anchor == "end" ? dot - 6 - width : dot + 6
                if zero >= start && zero <= start + width { anchor = anchor == "end" ? "start" : "end" }
            }
            body.append(.label(text, x: dot + (anchor == "end" ? -6 : 6), y: centre - 9, anchor: anchor, className: "value-label"))
        }
        let levels = Set(rows.flatMap { $0.bands.map(\.level) }).sorted(by: >).map(NumberFormat.level).joined(separator: ", ")
        return frame.svg(id: id, title: title,
                         description: "For each row: bars for the \(levels) intervals (wider intervals thinner), a tick at the median and a dot at the mean.",
                         children: body)
    }
}
