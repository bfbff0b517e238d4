import Testing
@testable import CLVRandom

/// Known-answer tests from the Random123 distribution (kat_vectors, philox4x32 with 10 rounds).
@Suite struct Philox4x32Tests {
    struct Vector: Sendable {
        let counter: (UInt32, UInt32, UInt32, UInt32)
        let key: (UInt32, UInt32)
        let expected: (UInt32, UInt32, UInt32, UInt32)
    }

    static let vectors: [Vector] = [
        Vector(counter: (0, 0, 0, 0), key: (0, 0),
               expected: (0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8)),
        Vector(counter: (0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff), key: (0xffff_ffff, 0xffff_ffff),
               expected: (0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd)),
        Vector(counter: (0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344), key: (0xa409_3822, 0x299f_31d0),
               expected: (0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1)),
    ]

    @Test(arguments: 0..<3)
    func knownAnswer(_ index: Int) {
        let v = Self.vectors[index]
        let out = Philox4x32(key: v.key).block(v.counter)
        #expect(out.0 == v.expected.0)
        #expect(out.1 == v.expected.1)
        #expect(out.2 == v.expected.2)
        #expect(out.3 == v.expected.3)
    }
}
