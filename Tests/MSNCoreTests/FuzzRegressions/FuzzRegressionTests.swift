import MSNCore
import Testing

/// Inputs the fuzzer found (or that sit at the edges it explores), replayed through the same
/// checks as `Sources/MSNFuzzer`: each must only keep every round-trip property.
@Suite struct FuzzRegressionTests {
    @Test(arguments: FuzzRegressionInputs.all)
    func keepsEveryRoundTripProperty(_ input: FuzzRegressionInputs.Input) {
        let problems = RoundTripCheck.violations(in: input.bytes)
        #expect(problems.isEmpty, "\(input.name): \(problems)")
    }
}
