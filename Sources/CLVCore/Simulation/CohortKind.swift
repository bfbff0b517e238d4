/// Where a group of customers came from; their cash flows are reported separately
/// (docs/model.md "What a run reports").
enum CohortKind: Sendable, CaseIterable {
    /// The segment's current base, present before period 1.
    case current
    /// Bought by an acquisition plan.
    case plan
    /// Referred by new customers.
    case referral

    /// The cash-flow component this kind's margin goes to.
    var component: CashFlowComponent {
        switch self {
        case .current: return .current
        case .plan: return .plan
        case .referral: return .referral
        }
    }

    /// The purpose of the stream that draws this kind's renewals.
    var survivalPurpose: StreamPurpose {
        switch self {
        case .current: return .survivalCurrent
        case .plan: return .survivalPlan
        case .referral: return .survivalReferral
        }
    }

    /// The purpose of the stream that draws the outcomes of this kind's state chains.
    var chainPurpose: StreamPurpose {
        switch self {
        case .current: return .chainCurrent
        case .plan: return .chainPlan
        case .referral: return .chainReferral
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
