import ArgumentParser

extension AccountCommand {
    /// `msn account add EMAIL [--name NAME] [--password-stdin] [--legacy-md5] [--data DIR]`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account.",
            discussion: """
                The password is read from the terminal without echo, or from standard input when \
                it is not a terminal or --password-stdin is given (first line only).
                """
        )

        @Argument(help: "The sign-in name (an e-mail address).")
        var email: String

        @Option(name: .long, help: "The display name (default: the sign-in name).")
        var name: String?

        @Flag(name: .long, help: "Read the password from the first line of standard input.")
        var passwordStdin = false

        @Flag(name: .long, help: "Also keep the password in a recoverable (encrypted) form so MSNP2–7 clients can sign in with MD5.")
        var legacyMD5 = false

        @OptionGroup var options: DataDirectoryOptions

        func run() async throws {
            try await AccountCommandRunner.run(data: options.data) { administration in
                try await administration.checkCanAdd(email: email, displayName: name)
                let password = try PasswordInput.read(fromStandardInput: passwordStdin, confirm: true)
                return try await administration.add(email: email, displayName: name, password: password, legacyMD5: legacyMD5)
            }
        }
    }
}
