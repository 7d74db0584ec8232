import MSNCore

#if MSN_FUZZING
/// The libFuzzer entry point (`scripts/fuzz.sh` builds with `-DMSN_FUZZING`): every property
/// of ``RoundTripCheck`` must hold for every input, or the fuzzer records a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let problems = RoundTripCheck.violations(in: bytes)
    if let first = problems.first { fatalError(first) }
    return 0
}
#endif
