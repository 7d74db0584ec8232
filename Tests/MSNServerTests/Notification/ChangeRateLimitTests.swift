import MSNCore
import MSNTestSupport
import NIOCore
import Testing

@testable import MSNServer

/// `800` (changing too rapidly): a session that changes what its watchers see faster than the
/// limit gets the error and changes nothing; everything else it sends is answered as usual.
@Suite(.timeLimit(.minutes(2))) struct ChangeRateLimitTests {
    @Test("A bucket gives its burst at once, then its rate, never more than the burst")
    func bucket() {
        let start = ContinuousClock.now
        var bucket = ChangeBucket(ChangeRateLimit(burst: 3, perSecond: 2), now: start)
        var taken: [Bool] = []
        for _ in 0..<4 { taken.append(bucket.take(now: start)) }
        #expect(taken == [true, true, true, false])
        let early = bucket.take(now: start + .milliseconds(400))
        #expect(!early, "0.8 of a change regained")
        let onTime = bucket.take(now: start + .milliseconds(500))
        let again = bucket.take(now: start + .milliseconds(500))
        #expect(onTime && !again)
        taken = []
        for _ in 0..<4 { taken.append(bucket.take(now: start + .seconds(60))) }
        #expect(taken == [true, true, true, false])
    }

    @Test("Which commands count: CHG, UUX, REA, PRP MFN")
    func countedCommands() throws {
        func frame(_ line: String) throws -> Frame {
            var decoder = FrameDecoder(sender: .client, dialect: .msnp11)
            var bytes = ByteBuffer(string: line + "\r\n")
            return try #require(try decoder.decode(buffer: &bytes))
        }
        for line in ["CHG 9 NLN 0", "UUX 9 0", "REA 9 alice@example.com Alice", "PRP 9 MFN Alice"] {
            #expect(NotificationSession.changesWhatWatchersSee(try frame(line)), "\(line)")
        }
        for line in ["PNG", "PRP 9 PHH 555", "SYN 9 0 0", "QRY 9 msmsgs@msnmsgr.com 0"] {
            #expect(!NotificationSession.changesWhatWatchersSee(try frame(line)), "\(line)")
        }
    }

    @Test("Past the limit: 800 for CHG and UUX, the watcher hears nothing more, PNG is still answered")
    func flood() async throws {
        try await TestNetwork.withRunning(configure: { configuration in
            configuration.notification.changeRateLimit = ChangeRateLimit(burst: 3, perSecond: 0.001)
        }) { network in
            try await ContactsLoopbackTests.createPeople(network)
            try await network.store.addMutualContacts(owner: "alice@example.com", contacts: ["bob@example.com"])
            let bob = try await ContactsLoopbackTests.signIn(network, "bob@example.com", .msnp11)
            try await bob.send("CHG 5 NLN 0")
            #expect(try await ContactsLoopbackTests.next(bob).line == "CHG 5 NLN 0")
            let alice = try await ContactsLoopbackTests.signIn(network, "alice@example.com", .msnp11)
            for (trID, status) in [(5, "NLN"), (6, "AWY"), (7, "BSY")] {
                try await alice.send("CHG \(trID) \(status) 0")
                var echo = try await ContactsLoopbackTests.next(alice)
                while echo.verb == .iln { echo = try await ContactsLoopbackTests.next(alice) }
                #expect(echo.line == "CHG \(trID) \(status) 0")
                #expect(try await ContactsLoopbackTests.next(bob).line.hasPrefix("NLN \(status) alice@example.com"))
            }
            try await alice.send("CHG 8 NLN 0")
            #expect(try await ContactsLoopbackTests.next(alice).line == "800 8")
            let psm = "<Data><PSM>spam</PSM><CurrentMedia></CurrentMedia></Data>"
            try await alice.send(raw: Array("UUX 9 \(psm.utf8.count)\r\n\(psm)".utf8))
            #expect(try await ContactsLoopbackTests.next(alice).line == "800 9")
            try await alice.send("PNG")
            #expect(try await ContactsLoopbackTests.next(alice).verb == .qng)
            // Bob heard nothing of the refused changes: his next line is the answer to his own PNG.
            try await bob.send("PNG")
            #expect(try await ContactsLoopbackTests.next(bob).verb == .qng)
        }
    }
}
