import Crypto

/// The MD5 login of MSNP2–MSNP7 (auth.md §1).
///
/// The server answers the initial `USR` with a salt; the client proves it knows the password
/// by sending the MD5 of the salt followed by the password:
///
/// ```
/// C: USR 6 MD5 I alice@hotmail.com
/// S: USR 6 MD5 S 1056561624.17795
/// C: USR 7 MD5 S 483eee01d6a1de1b668cac9a0ac75d91
/// S: USR 7 OK alice@hotmail.com Alice 1
/// ```
public enum MD5Login: Sendable {
    /// The client's answer to `USR … MD5 S <salt>`: lowercase hex of `MD5(salt || password)`.
    ///
    /// Both strings are hashed as their UTF-8 bytes, salt first, with no separator.
    ///
    /// ```swift
    /// MD5Login.response(salt: "1056561624.17795", password: "abcdefg1234567")
    /// // "483eee01d6a1de1b668cac9a0ac75d91"
    /// ```
    ///
    /// - Parameters:
    ///   - salt: The salt exactly as the server sent it.
    ///   - password: The password exactly as the user typed it.
    /// - Returns: 32 lowercase hexadecimal characters.
    public static func response(salt: String, password: String) -> String {
        AuthBytes.lowercaseHex(Insecure.MD5.hash(data: Array((salt + password).utf8)))
    }

    /// Checks a client's `USR … MD5 S <response>` on the server side, in constant time.
    ///
    /// Upper-case hexadecimal is accepted as well; anything that is not 32 hex digits is
    /// refused.
    ///
    /// - Parameters:
    ///   - response: The hash the client sent.
    ///   - salt: The salt this server sent in `USR … MD5 S`.
    ///   - password: The account's plaintext password.
    /// - Returns: `true` when the response matches.
    public static func verify(response: String, salt: String, password: String) -> Bool {
        let expected = Array(self.response(salt: salt, password: password).utf8)
        return AuthBytes.constantTimeEqual(Array(response.lowercased().utf8), expected)
    }

    /// A fresh salt for `USR … MD5 S`, shaped like the ones real servers sent:
    /// ten digits, a dot, five digits (`1056561624.17795`).
    ///
    /// Every digit comes from the system's secure random generator (the real servers used
    /// a timestamp; an unpredictable salt makes a captured response useless for a replay).
    public static func makeSalt() -> String {
        AuthBytes.randomDigits(count: 10, leadingNonZero: true) + "."
            + AuthBytes.randomDigits(count: 5, leadingNonZero: false)
    }
}
