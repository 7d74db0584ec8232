import ArgumentParser

extension AccountCommand {
    /// `msn account passwd EMAIL [--password-stdin] [--legacy-md5 | --no-legacy-md5] [--data DIR]`.
    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an account's password.",
            discussion: "MD5 sign-in stays as it was unless --legacy-md5 or --no-legacy-md5 is given."
        )

        @Argument(help: "The sign-in name.")
        var email: String

        @Flag(name: .long, help: "Read the password from the first line of standard input.")
        var passwordStdin = false

        @Flag(inversion: .prefixedNo, help: "Turn MD5 sign-in (MSNP2–7) on or off.")
        var legacyMD5: Bool?

        @OptionGroup var options: DataDirectoryOptions

        func run() async throws {
            try await AccountCommandRunner.run(data: options.data) { administration in
                try await administration.checkExists(email: email)
                let password = try PasswordInput.read(fromStandardInput: passwordStdin, confirm: true)
                return try await administration.changePassword(email: email, password: password, legacyMD5: legacyMD5)
            }
        }
    }
}
