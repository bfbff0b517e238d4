/// Where a group of customers came from; their cash flows are reported separately (MODEL.md §5).
enum CohortKind: Int, Sendable, CaseIterable {
    /// The segment's current base, present before period 1.
    case current = 0
    /// Bought by an acquisition plan.
    case plan = 1
    /// Referred by new customers.
    case referral = 2

    /// The purpose of the stream that draws this kind's renewals.
    var survivalPurpose: StreamPurpose {
        switch self {
        case .current: return .survivalCurrent
        case .plan: return .survivalPlan
        case .referral: return .survivalReferral
        }
    }

    /// The purpose of the stream that draws this kind's spend multipliers.
    var multiplierPurpose: StreamPurpose {
        switch self {
        case .current: return .multiplierCurrent
        case .plan: return .multiplierPlan
        case .referral: return .multiplierReferral
        }
    }
}

/// Rows of per-period cash flow kept for each trial: the three customer sources and the spend.
enum CashFlowComponent: Int, CaseIterable {
    case current = 0, plan, referral, spend
    static let count = 4
}
