/// The rules an account's sign-in name, display name and password must follow.
///
/// The rules are deliberately narrower than RFC 5322: a sign-in name travels unescaped as one
/// token of MSN command lines (`ADD 12 FL alice@example.com Alice`), in HTTP headers and in XML,
/// so only characters that are safe in all three are accepted.
public enum AccountValidation {
    /// Longest accepted sign-in name, in bytes (Passport's historical limit).
    public static let maximumEmailLength = 129
    /// Longest accepted display name, in characters.
    public static let maximumDisplayNameLength = 129
    /// Longest accepted password, in UTF-8 bytes.
    public static let maximumPasswordLength = 1024

    /// Checks a sign-in name and returns its normalised form: surrounding white space removed,
    /// ASCII letters lower-cased.
    ///
    /// Accepted: `local@domain.tld` where the local part uses letters, digits and `. _ - +`,
    /// and the domain is two or more dot-separated labels of letters, digits and inner `-`.
    ///
    /// - Throws: ``StoreError`` with code `invalidEmail`.
    public static func normalisedEmail(_ email: String) throws(StoreError) -> String {
        let trimmed = email.trimmingASCIIWhitespace().lowercasedASCII()
        let invalid = StoreError(code: .invalidEmail, message: "'\(email.prefix(140))' is not a valid e-mail address")
        guard !trimmed.isEmpty, trimmed.utf8.count <= maximumEmailLength else { throw invalid }
        let halves = trimmed.utf8.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        guard halves.count == 2 else { throw invalid }
        let local = halves[0]
        let domain = halves[1]
        guard !local.isEmpty, local.count <= 64,
              local.allSatisfy({ isAlphanumeric($0) || "._-+".utf8.contains($0) }),
              local.first != UInt8(ascii: "."), local.last != UInt8(ascii: ".")
        else { throw invalid }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { throw invalid }
        for label in labels {
            guard !label.isEmpty, label.count <= 63,
                  label.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") }),
                  label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-")
            else { throw invalid }
        }
        return trimmed
    }

    /// Checks a display name: not blank, at most ``maximumDisplayNameLength`` characters, no
    /// control characters. Returns it with surrounding white space removed.
    ///
    /// - Throws: ``StoreError`` with code `invalidDisplayName`.
    public static func validDisplayName(_ name: String) throws(StoreError) -> String {
        let trimmed = name.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else {
            throw StoreError(code: .invalidDisplayName, message: "the display name must not be empty")
        }
        guard trimmed.count <= maximumDisplayNameLength else {
            throw StoreError(code: .invalidDisplayName, message: "the display name is longer than \(maximumDisplayNameLength) characters")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw StoreError(code: .invalidDisplayName, message: "the display name contains control characters")
        }
        return trimmed
    }

    /// Checks a password: not empty, at most ``maximumPasswordLength`` UTF-8 bytes.
    ///
    /// - Throws: ``StoreError`` with code `invalidPassword`.
    public static func validatePassword(_ password: String) throws(StoreError) {
        guard !password.isEmpty else {
            throw StoreError(code: .invalidPassword, message: "the password must not be empty")
        }
        guard password.utf8.count <= maximumPasswordLength else {
            throw StoreError(code: .invalidPassword, message: "the password is longer than \(maximumPasswordLength) bytes")
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
