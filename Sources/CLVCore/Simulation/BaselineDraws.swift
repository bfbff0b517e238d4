/// The baseline's customer draws of one trial, kept so that each strategy's world can be
/// simulated conditionally on them (`CoupledThinning`, docs/strategies.md "How coupling works,
/// and what it buys").
///
/// Recorded per trial, only when the model has a strategy with changes, and only read by the
/// strategies: the baseline's draws are the same with or without the record. Holds
/// - per cohort (kind, segment s, start period t0): its initial count, its survivors at steps
///   0 … last (beyond them none, unless the cohort joined its pool after them);
/// - per pool (segment and kind, `TrialSimulator.poolIndex`) and period: the pool's customers
///   after that period's renewals, and the customers who joined it in the period;
/// - per segment and period: the referral mean λ the baseline drew with, and its draw;
/// - the baseline's per-segment schedules.
///
/// The flat arrays are reused from trial to trial; the survivor counts grow as needed and are
/// then kept, so that a run allocates nothing per draw and, once warm, nothing per trial.
///
/// - Complexity: O(cohorts + pools · H + S · H) to start a trial, O(1) per recorded count.
struct BaselineDraws {
    let segmentCount: Int
    let horizon: Int
    /// The trial recorded, or −1.
    private(set) var trial = -1
    /// The baseline's per-segment schedules in that trial.
    var schedules: [SegmentSchedule] = []
    /// Survivor counts of all recorded cohorts, one after the other; `used` of them are valid.
    private var survivors: [Int] = []
    private var used = 0
    /// Per cohort (`cohortIndex`): where its survivors start in `survivors` (−1: no cohort), how
    /// many steps are recorded, its initial count, and whether it joined its pool after them.
    private var start: [Int]
    private var length: [Int]
    private var initial: [Int]
    private var joined: [Bool]
    /// Per pool, period t at `pool · H + t − 1`: the pool's customers after the period's
    /// renewals, and those who joined it in the period.
    private(set) var poolActive: [Int]
    private(set) var poolArrivals: [Int]
    /// Per segment, period t at `s · H + t − 1`: the referral mean and draw (0 and 0: none).
    private var referralMean: [Double]
    private var referralCount: [Int]

    init(segmentCount: Int, horizon: Int) {
        self.segmentCount = segmentCount
        self.horizon = horizon
        let cohorts = 3 * segmentCount * horizon
        start = [Int](repeating: -1, count: cohorts)
        length = [Int](repeating: 0, count: cohorts)
        initial = [Int](repeating: 0, count: cohorts)
        joined = [Bool](repeating: false, count: cohorts)
        poolActive = [Int](repeating: 0, count: 2 * segmentCount * horizon)
        poolArrivals = poolActive
        referralMean = [Double](repeating: 0, count: segmentCount * horizon)
        referralCount = [Int](repeating: 0, count: segmentCount * horizon)
    }

    /// The index of the cohort of `kind`, segment `s`, start period `t0`.
    @inline(__always)
    func cohortIndex(_ kind: CohortKind, segment s: Int, startPeriod t0: Int) -> Int {
        let k = kind == .current ? 0 : kind == .plan ? 1 : 2
        return (k * segmentCount + s) * horizon + t0 - 1
    }

    /// Forgets the previous trial and starts recording `trial`.
    mutating func begin(trial: Int, schedules: [SegmentSchedule]) {
        self.trial = trial
        self.schedules = schedules
        used = 0
        for i in start.indices { start[i] = -1 }
        for i in poolActive.indices { poolActive[i] = 0; poolArrivals[i] = 0 }
        for i in referralMean.indices { referralMean[i] = 0; referralCount[i] = 0 }
    }

    /// Records a cohort of `count` customers whose survivors at steps 0 … `last` are
    /// `counts[0 … last]`, and whether it then joined its pool.
    mutating func recordCohort(_ kind: CohortKind, segment s: Int, startPeriod t0: Int, count: Int,
                               counts: [Int], last: Int, joinedPool: Bool) {
        let c = cohortIndex(kind, segment: s, startPeriod: t0)
        let steps = last + 1
        if used + steps > survivors.count {
            survivors.append(contentsOf: repeatElement(0, count: Swift.max(used + steps - survivors.count, survivors.count)))
        }
        start[c] = used
        length[c] = steps
        initial[c] = count
        joined[c] = joinedPool
        for j in 0..<steps { survivors[used + j] = counts[j] }
        used += steps
    }

    /// The cohort's initial count in the baseline (0 when the baseline has no such cohort).
    @inline(__always)
    func initialCount(cohort c: Int) -> Int { start[c] < 0 ? 0 : initial[c] }

    /// Whether the baseline's cohort handed its survivors to its pool after its recorded steps.
    @inline(__always)
    func joinedPool(cohort c: Int) -> Bool { start[c] >= 0 && joined[c] }

    /// The baseline's survivors of cohort `c` at step `j`; `j` = −1 gives the initial count.
    /// Beyond the recorded steps it is 0 (the cohort died out, or it joined its pool — callers
    /// never ask then).
    @inline(__always)
    func survivors(cohort c: Int, step j: Int) -> Int {
        let first = start[c]
        if first < 0 { return 0 }
        if j < 0 { return initial[c] }
        return j < length[c] ? survivors[first + j] : 0
    }

    /// Records the pool's customers after period t's renewals and those who joined in period t.
    @inline(__always)
    mutating func recordPool(_ pool: Int, period t: Int, active: Int, arrivals: Int) {
        poolActive[pool * horizon + t - 1] = active
        poolArrivals[pool * horizon + t - 1] = arrivals
    }

    /// Records the referral draw of segment s in period t: Poisson(`mean`) gave `count`.
    @inline(__always)
    mutating func recordReferrals(segment s: Int, period t: Int, mean: Double, count: Int) {
        referralMean[s * horizon + t - 1] = mean
        referralCount[s * horizon + t - 1] = count
    }

    /// The referral mean and draw of segment s in period t (0 and 0 when the baseline drew none).
    @inline(__always)
    func referrals(segment s: Int, period t: Int) -> (mean: Double, count: Int) {
        (referralMean[s * horizon + t - 1], referralCount[s * horizon + t - 1])
    }
}
