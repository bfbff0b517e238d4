import CLVCore

/// A tornado chart: for each input, a bar from the output's overall mean to its mean over the
/// trials with the input in its bottom decile, and one to its mean with the input in its top
/// decile. Inputs are ordered by swing (|top − bottom|), largest at the top.
public enum SVGTornado {
    /// The chart for the `limit` inputs with the largest swing.
    ///
    /// - Complexity: O(inputs · log inputs).
    public static func chart(id: String, title: String, sensitivity: Sensitivity, xTitle: String,
                             format: (Double) -> String, limit: Int = 12, width: Double = 720) -> SVGElement {
        chart(id: id, title: title, metric: sensitivity.metric, outputMean: sensitivity.outputMean, inputs: sensitivity.inputs,
              xTitle: xTitle, format: format, limit: limit, width: width)
    }

    /// The chart from its parts: the metric's name, its overall mean and the inputs' decile means.
    ///
    /// - Complexity: O(inputs · log inputs).
    static func chart(id: String, title: String, metric: String, outputMean: Double, inputs allInputs: [Sensitivity.Input],
                      xTitle: String, format: (Double) -> String, limit: Int = 12, width: Double = 720) -> SVGElement {
        let inputs = allInputs
            .sorted { abs($0.topDecileMean - $0.bottomDecileMean) > abs($1.topDecileMean - $1.bottomDecileMean) }
            .prefix(limit)
        let labels = inputs.map { InputLabel.text(for: $0.path) }
        let longest = labels.map(\.count).max() ?? 0
        let rowHeight = 30.0
        var frame = ChartFrame(width: width, height: 0, left: min(300, 16 + 6.6 * Double(longest)), right: 32, top: 26, bottom: 48)
        frame.height = frame.top + frame.bottom + rowHeight * Double(max(1, inputs.count))
        let centre = outputMean
        let values = ([centre] + inputs.flatMap { [$0.bottomDecileMean, $0.topDecileMean] }).filter(\.isFinite)
        let x = LinearScale(domain: (values.min() ?? 0, values.max() ?? 1), range: frame.plotX).nice(count: 6)
        var body: [SVGElement] = []
        let ticks = x.ticks(count: 6)
        for tick in ticks { body.append(.line(x1: x.position(tick), y1: frame.plotY.1, x2: x.position(tick), y2: frame.plotY.0, className: "grid")) }
        body += frame.xAxis(x, ticks: ticks, labels: NumberFormat.axisLabels(ticks), title: xTitle)
        let mid = x.position(centre)
        body.append(.line(x1: mid, y1: frame.plotY.1 - 6, x2: mid, y2: frame.plotY.0, className: "median"))
        body.append(.label("mean \(format(centre))", x: mid, y: frame.top - 10, anchor: "middle", className: "marker-label"))
        for (i, input) in inputs.enumerated() {
            let y = frame.top + rowHeight * Double(i) + 6
            let height = rowHeight - 12
            body.append(.label(labels[i], x: frame.left - 10, y: y + height / 2 + 4, anchor: "end", className: "row-label"))
            for (value, className, decile) in [(input.bottomDecileMean, "tornado-low", "bottom"), (input.topDecileMean, "tornado-high", "top")] {
                guard value.isFinite else { continue }
                let a = min(mid, x.position(value)), b = max(mid, x.position(value))
                body.append(.rect(x: a, y: y, width: max(b - a, 0.5), height: height, className: className,
                                  title: "\(labels[i]) (\(input.path)) in its \(decile) 10%: mean \(format(value))"))
            }
        }
        return frame.svg(id: id, title: title,
                         description: "For each input: the mean of \(metric) over the trials with the input in its bottom 10% (light) and top 10% (dark), against the overall mean (vertical line).",
                         children: body)
    }
}
