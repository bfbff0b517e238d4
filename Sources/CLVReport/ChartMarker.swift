/// A value marked on a chart with a vertical line and a short label: a mean, or an end of an
/// interval.
public struct ChartMarker: Sendable, Equatable {
    public enum Style: String, Sendable { case mean, interval }
    public var value: Double
    public var label: String
    public var style: Style

    public init(value: Double, label: String, style: Style) {
        self.value = value
        self.label = label
        self.style = style
    }
}
