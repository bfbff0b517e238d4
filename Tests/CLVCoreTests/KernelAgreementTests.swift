import Foundation
import Testing
@testable import CLVCore
import CLVRandom

/// The aggregate kernel against the customer-by-customer `ReferenceSimulator`: means and the
/// 5th, 50th and 95th percentiles of every customer-equity component agree within Monte Carlo
/// tolerance on small scenarios that together cover every model feature.
@Suite struct KernelAgreementTests {
    static let kernelTrials = 4000
    static let referenceTrials = 1500

    static func check(_ scenario: Scenario, seed: UInt64 = 21) throws {
        let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: kernelTrials, seed: seed, threads: 2))
        let reference = ReferenceSimulator(scenario: scenario, seed: seed)
        let outcomes = (0..<referenceTrials).map { reference.simulate(trial: $0) }
        let metrics: [(String, (ReferenceSimulator.Outcome) -> Double)] = [
            ("customerEquity", { $0.customerEquity }), ("currentCustomerValue", { $0.current }),
            ("newCustomerValue", { $0.plan }), ("referralValue", { $0.referral }), ("acquisitionSpend", { $0.spend }),
            ("retentionSpend", { $0.retentionSpend }),
        ]
        for (name, extract) in metrics {
            let kernel = try #require(result.metrics.column(name))
            try SampleAgreement.expectAgreement(kernel: kernel, reference: outcomes.map(extract), "\(scenario.name) \(name)",
                                                relativeMeanSlack: 1e-9)
        }
    }

    static func base(_ name: String, _ segments: [Segment], horizon: Int = 12) -> Scenario {
        var scenario = Scenario(name: name, horizonPeriods: horizon, annualDiscountRate: .fixed(0.12), segments: segments)
        scenario.periodsPerYear = 12
        return scenario
    }

    @Test func constantRetentionWithVariationAndGrowth() throws {
        var s = Segment(name: "c", customers: 300, renewals: 2, retention: .constant(rate: .fixed(0.85)), revenue: .fixed(30))
        s.revenueVariation = RevenueVariation(shape: 2)
        s.revenueGrowth = .fixed(0.2)
        s.margin = .fixed(0.6)
        s.serviceCost = .fixed(2)
        var scenario = Self.base("constant", [s])
        scenario.acquisition = [AcquisitionPlan(segment: "c", fromPeriod: 2, toPeriod: 6, volume: .customers(perPeriod: .fixed(25)))]
        try Self.check(scenario)
    }

    @Test func shiftedBetaGeometricWithUncertainParameters() throws {
        var s = Segment(name: "b", customers: 250, renewals: 3,
                        retention: .sbg(alpha: .uniform(min: 0.6, max: 1.0), beta: .fixed(1.5)), revenue: .uniform(min: 10, max: 20))
        s.revenueVariation = RevenueVariation(shape: 5)
        var scenario = Self.base("sbg", [s])
        scenario.annualDiscountRate = .uniform(min: 0.05, max: 0.2)
        scenario.cashFlowTiming = .end
        scenario.acquisition = [AcquisitionPlan(segment: "b", fromPeriod: 1, toPeriod: 4,
                                                volume: .budget(perPeriod: .fixed(2000), cac: .uniform(min: 50, max: 90)))]
        try Self.check(scenario)
    }

    @Test func curveRetentionWithBudgetPlan() throws {
        let s = Segment(name: "k", customers: 200, renewals: 1,
                        retention: .curve(rates: [0.5, 0.7, 0.8, 0.9], scale: .fixed(1.05)), revenue: .fixed(12))
        var scenario = Self.base("curve", [s])
        scenario.acquisition = [AcquisitionPlan(segment: "k", fromPeriod: 3, toPeriod: 8,
                                                volume: .budget(perPeriod: .fixed(1500), cac: .fixed(45)))]
        try Self.check(scenario)
    }

    @Test func referralsBelowOne() throws {
        var s = Segment(name: "r", customers: 50, retention: .constant(rate: .fixed(0.8)), revenue: .fixed(8))
        s.referrals = Referrals(coefficient: .fixed(0.4), cyclePeriods: 2)
        var scenario = Self.base("referrals", [s])
        scenario.acquisition = [AcquisitionPlan(segment: "r", fromPeriod: 1, toPeriod: 3, volume: .customers(perPeriod: .fixed(40)))]
        try Self.check(scenario)
    }

    @Test func referralsAboveOneIntoAnotherSegment() throws {
        var viral = Segment(name: "viral", customers: 0, retention: .sbg(alpha: .fixed(1), beta: .fixed(2)), revenue: .fixed(5))
        viral.referrals = Referrals(coefficient: .fixed(1.4), cyclePeriods: 3, into: "friends")
        var friends = Segment(name: "friends", customers: 20, retention: .constant(rate: .fixed(0.7)), revenue: .fixed(4))
        friends.referrals = Referrals(coefficient: .fixed(0.5), cyclePeriods: 2, into: "viral")
        friends.revenueVariation = RevenueVariation(shape: 1.5)
        var scenario = Self.base("viral", [viral, friends])
        scenario.acquisition = [AcquisitionPlan(segment: "viral", fromPeriod: 1, toPeriod: 2, volume: .customers(perPeriod: .fixed(30)))]
        try Self.check(scenario)
    }

    /// Response-curve retention (uncertain ceiling and k, spend from a decision), its retention
    /// spend, and a prospect plan whose conversion responds to spend per prospect, with current,
    /// plan-acquired and referred customers.
    @Test func responseRetentionAndProspectConversion() throws {
        let retention = ResponseCurve(floor: .fixed(0.5), ceiling: .uniform(min: 0.85, max: 0.95), k: .uniform(min: 0.2, max: 0.6),
                                      spend: .decision("care"))
        var s = Segment(name: "resp", customers: 120, renewals: 1, retention: .constantResponse(retention), revenue: .fixed(20))
        s.margin = .fixed(0.5)
        s.referrals = Referrals(coefficient: .fixed(0.3), cyclePeriods: 2)
        var scenario = Self.base("response", [s])
        scenario.decisions = [Decision(name: "care", min: 0, max: 10, value: 2.5), Decision(name: "ads", min: 0, max: 5, value: 1.5)]
        let conversion = ResponseCurve(floor: .fixed(0.01), ceiling: .uniform(min: 0.1, max: 0.2), k: .fixed(0.8), spend: .decision("ads"))
        scenario.acquisition = [AcquisitionPlan(segment: "resp", fromPeriod: 2, toPeriod: 5,
                                                volume: .prospects(perPeriod: .uniform(min: 150, max: 250), conversion: conversion))]
        try Self.check(scenario)
    }
}
