/// The per-period cash flows a trial keeps: margin less service cost of each customer source,
/// the acquisition spend and the retention spend (docs/model.md "What a run reports").
enum CashFlowComponent: Sendable, CaseIterable {
    case current, plan, referral, spend, retentionSpend

    static let count = 5

    /// The component's row in a trial's component-major cash flows (`row · H + t − 1`).
    var row: Int {
        switch self {
        case .current: return 0
        case .plan: return 1
        case .referral: return 2
        case .spend: return 3
        case .retentionSpend: return 4
        }
    }

    /// +1 for customer value, −1 for spend: customer equity is Σ sign · value.
    var sign: Double { self == .spend || self == .retentionSpend ? -1 : 1 }
}
