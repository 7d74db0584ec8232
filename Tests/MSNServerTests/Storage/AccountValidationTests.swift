import Testing

@testable import MSNServer

@Suite("AccountValidation")
struct AccountValidationTests {
    @Test("accepted sign-in names are normalised", arguments: [
        ("alice@example.com", "alice@example.com"),
        ("  Alice@Example.COM\n", "alice@example.com"),
        ("first.last+tag@mail.example.co.uk", "first.last+tag@mail.example.co.uk"),
        ("a_b-c@x-y.org", "a_b-c@x-y.org"),
    ])
    func accepted(input: String, expected: String) throws {
        #expect(try AccountValidation.normalisedEmail(input) == expected)
    }

    @Test("rejected sign-in names", arguments: [
        "", "alice", "alice@", "@example.com", "alice@example", "alice@@example.com", "al ice@example.com",
        "alice@exa mple.com", ".alice@example.com", "alice.@example.com", "alice@-example.com", "alice@example-.com",
        "alice@example..com", "alice,bob@example.com", "älice@example.com", "alice@example.com\u{0}",
        String(repeating: "a", count: 120) + "@example.com",
    ])
    func rejected(input: String) {
        #expect(throws: StoreError.self) { try AccountValidation.normalisedEmail(input) }
    }

    @Test("display names")
    func displayNames() throws {
        #expect(try AccountValidation.validDisplayName("  Alice  ") == "Alice")
        #expect(try AccountValidation.validDisplayName("Ålice ☀︎ 日本") == "Ålice ☀︎ 日本")
        #expect(throws: StoreError.self) { try AccountValidation.validDisplayName("") }
        #expect(throws: StoreError.self) { try AccountValidation.validDisplayName("a\nb") }
        #expect(throws: StoreError.self) { try AccountValidation.validDisplayName(String(repeating: "x", count: 130)) }
    }
}
