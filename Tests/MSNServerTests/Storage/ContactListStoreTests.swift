import MSNCore
import Foundation
import Testing

@testable import MSNServer

@Suite("ContactListStore (SQLite)")
struct ContactListStoreTests {
    /// A store with alice, bob and carol.
    func withPeople(maximumContacts: Int = 1000, _ body: (SQLiteMessengerStore) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteMessengerStore(
                configuration: .init(directory: directory, passwordIterations: testIterations, maximumContacts: maximumContacts),
                logger: quietLogger)
            defer { try? store.close() }
            for (email, name) in [("alice@example.com", "Alice"), ("bob@example.com", "Bob"), ("carol@example.com", "Carol")] {
                _ = try await store.createAccount(email: email, displayName: name, password: "test1234", legacyMD5: false)
            }
            try await body(store)
        }
    }

    @Test("adding to FL puts the owner on the contact's RL and PL, with version bumps on both sides")
    func reverseListUpkeep() async throws {
        try await withPeople { store in
            let change = try await store.addContact(owner: "alice@example.com", contact: "Bob@Example.com", to: .forward)
            #expect(change.version == 1)
            #expect(change.reverseListVersion == 1)
            #expect(change.entry?.lists == .forward)
            #expect(change.entry?.friendlyName == "Bob")
            let bobs = try await store.contactList(owner: "bob@example.com")
            #expect(bobs.entry(for: "alice@example.com")?.lists == [.reverse, .pending])
            // Bob allows alice: PL goes away; he adds her back: she gets RL without PL.
            _ = try await store.addContact(owner: "bob@example.com", contact: "alice@example.com", to: .allow)
            _ = try await store.addContact(owner: "bob@example.com", contact: "alice@example.com", to: .forward)
            #expect(try await store.contactList(owner: "bob@example.com").entry(for: "alice@example.com")?.lists
                    == [.forward, .allow, .reverse])
            #expect(try await store.contactList(owner: "alice@example.com").entry(for: "bob@example.com")?.lists
                    == [.forward, .reverse, .pending])
            // Removing from FL takes the owner off the other's RL.
            let removal = try await store.removeContact(owner: "alice@example.com", contact: "bob@example.com", from: .forward)
            #expect(removal.entry?.lists == [.reverse, .pending])
            #expect(try await store.contactList(owner: "bob@example.com").entry(for: "alice@example.com")?.lists
                    == [.forward, .allow])
        }
    }

    @Test("refusals change nothing: unknown account, duplicate, AL/BL conflict, not on list, list full")
    func refusals() async throws {
        try await withPeople(maximumContacts: 1) { store in
            func code(_ body: () async throws -> Void) async -> StoreError.Code? {
                do { try await body(); return nil } catch let error as StoreError { return error.code } catch { return nil }
            }
            #expect(await code { _ = try await store.addContact(owner: "alice@example.com", contact: "nobody@example.com", to: .forward) } == .accountNotFound)
            #expect(await code { _ = try await store.addContact(owner: "alice@example.com", contact: "not an address", to: .forward) } == .invalidEmail)
            _ = try await store.addContact(owner: "alice@example.com", contact: "bob@example.com", to: .allow)
            #expect(await code { _ = try await store.addContact(owner: "alice@example.com", contact: "bob@example.com", to: .allow) } == .alreadyInList)
            #expect(await code { _ = try await store.addContact(owner: "alice@example.com", contact: "bob@example.com", to: .block) } == .inOppositeList)
            #expect(await code { _ = try await store.removeContact(owner: "alice@example.com", contact: "carol@example.com", from: .forward) } == .notInList)
            #expect(await code { _ = try await store.addContact(owner: "alice@example.com", contact: "carol@example.com", to: .allow) } == .listFull)
            let list = try await store.contactList(owner: "alice@example.com")
            #expect(list.settings.version == 1)
            #expect(list.contacts.map(\.email) == ["bob@example.com"])
            #expect(list.contacts.first?.lists == .allow)
            #expect(try await store.contactList(owner: "bob@example.com").contacts.isEmpty)
        }
    }

    @Test("groups: add, membership, rename, duplicate names, removal keeps the contact on FL")
    func groups() async throws {
        try await withPeople { store in
            let (friends, _) = try await store.addGroup(owner: "alice@example.com", name: "Friends")
            #expect(friends.number == 1)
            await #expect(throws: StoreError.self) { _ = try await store.addGroup(owner: "alice@example.com", name: "friends") }
            _ = try await store.addContact(owner: "alice@example.com", contact: "bob@example.com", to: .forward)
            let change = try await store.addContact(owner: "alice@example.com", contact: "bob@example.com", toGroup: 1)
            #expect(change.entry?.groups == [1])
            await #expect(throws: StoreError.self) { _ = try await store.addContact(owner: "alice@example.com", contact: "bob@example.com", toGroup: 7) }
            _ = try await store.renameGroup(owner: "alice@example.com", number: 1, name: "Pals")
            #expect(try await store.contactList(owner: "alice@example.com").groups.map(\.name) == ["Pals"])
            _ = try await store.removeGroup(owner: "alice@example.com", number: 1)
            let list = try await store.contactList(owner: "alice@example.com")
            #expect(list.groups.isEmpty)
            #expect(list.entry(for: "bob@example.com")?.groups == [])
            #expect(list.entry(for: "bob@example.com")?.lists == .forward)
        }
    }

    @Test("privacy: watchers and visible contacts follow BL, AL, then BLP")
    func privacy() async throws {
        try await withPeople { store in
            for owner in ["alice@example.com", "carol@example.com"] {
                _ = try await store.addContact(owner: owner, contact: "bob@example.com", to: .forward)
            }
            #expect(try await store.allowedWatchers(of: "bob@example.com") == ["alice@example.com", "carol@example.com"])
            #expect(try await store.watcherStanding(of: "alice@example.com", toward: "bob@example.com")
                    == WatcherStanding(hasOwnerOnForwardList: true, allowed: true))
            #expect(try await store.watcherStanding(of: "bob@example.com", toward: "alice@example.com")
                    == WatcherStanding(hasOwnerOnForwardList: false, allowed: false))
            _ = try await store.addContact(owner: "bob@example.com", contact: "alice@example.com", to: .block)
            #expect(try await store.allowedWatchers(of: "bob@example.com") == ["carol@example.com"])
            #expect(try await store.watcherStanding(of: "alice@example.com", toward: "bob@example.com")
                    == WatcherStanding(hasOwnerOnForwardList: true, allowed: false))
            #expect(try await store.contactsVisible(to: "alice@example.com") == [])
            #expect(try await store.contactsVisible(to: "carol@example.com") == ["bob@example.com"])
            _ = try await store.setPrivacyMode(owner: "bob@example.com", .blockUnlisted)
            #expect(try await store.allowedWatchers(of: "bob@example.com") == [])
            #expect(try await store.watcherStanding(of: "carol@example.com", toward: "bob@example.com").allowed == false)
            _ = try await store.addContact(owner: "bob@example.com", contact: "carol@example.com", to: .allow)
            #expect(try await store.allowedWatchers(of: "bob@example.com") == ["carol@example.com"])
        }
    }

    @Test("a large watcher list is kept between writes, and every write is seen at once")
    func watcherCache() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteMessengerStore(
                configuration: .init(directory: directory, passwordIterations: testIterations), logger: quietLogger)
            defer { try? store.close() }
            let count = WatcherCache.minimumCount + 20
            let fans = (0..<count).map { "fan\($0)@example.com" }
            try await store.importPopulation(emails: ["star@example.com"] + fans, password: "test1234",
                                             mutualContacts: (1...count).map { (0, $0) })
            let all = try await store.allowedWatchers(of: "star@example.com")
            #expect(all == fans.sorted())
            #expect(store.watcherCache.watchers(of: "star@example.com") == all, "kept after the read")
            // A block is a write: the very next fan-out leaves the blocked fan out.
            _ = try await store.removeContact(owner: "star@example.com", contact: "fan7@example.com", from: .allow)
            _ = try await store.addContact(owner: "star@example.com", contact: "fan7@example.com", to: .block)
            #expect(store.watcherCache.watchers(of: "star@example.com") == nil)
            let afterBlock = try await store.allowedWatchers(of: "star@example.com")
            #expect(afterBlock.count == count - 1 && !afterBlock.contains("fan7@example.com"))
            // BL-unlisted with nobody on AL: nobody may watch (a list too small to keep).
            _ = try await store.setPrivacyMode(owner: "star@example.com", .blockUnlisted)
            _ = try await store.removeContact(owner: "star@example.com", contact: "fan7@example.com", from: .block)
            for fan in fans where fan != "fan7@example.com" {
                _ = try await store.removeContact(owner: "star@example.com", contact: fan, from: .allow)
            }
            #expect(try await store.allowedWatchers(of: "star@example.com") == [])
            // Any write at all forgets every list, even one about someone else.
            _ = try await store.setPrivacyMode(owner: "star@example.com", .allowUnlisted)
            #expect(try await store.allowedWatchers(of: "star@example.com").count == count)
            _ = try await store.setPrivacyMode(owner: "fan1@example.com", .blockUnlisted)
            #expect(store.watcherCache.watchers(of: "star@example.com") == nil)
        }
    }

    @Test("the watcher cache keeps no list read across a write, nor small or old lists")
    func watcherCacheRules() {
        let cache = WatcherCache()
        let many = (0..<WatcherCache.minimumCount).map { "w\($0)@example.com" }
        let start = ContinuousClock.now
        // A read that began before a write ended is not kept.
        let before = cache.generation
        cache.invalidate()
        cache.store(many, for: "a@example.com", generation: before, now: start)
        #expect(cache.watchers(of: "a@example.com", now: start) == nil)
        // A small list is not kept; a large one is, until its lifetime is over.
        cache.store(Array(many.prefix(3)), for: "b@example.com", generation: cache.generation, now: start)
        #expect(cache.watchers(of: "b@example.com", now: start) == nil)
        cache.store(many, for: "c@example.com", generation: cache.generation, now: start)
        #expect(cache.watchers(of: "c@example.com", now: start + .milliseconds(1_900)) == many)
        #expect(cache.watchers(of: "c@example.com", now: start + WatcherCache.lifetime) == nil)
    }

    @Test("settings and profile fields persist across reopening the directory")
    func persistence() async throws {
        try await withTemporaryDirectory { directory in
            do {
                let store = try SQLiteMessengerStore(configuration: .init(directory: directory, passwordIterations: testIterations), logger: quietLogger)
                defer { try? store.close() }
                _ = try await store.createAccount(email: "alice@example.com", displayName: "Alice", password: "test1234", legacyMD5: false)
                _ = try await store.createAccount(email: "bob@example.com", displayName: "Bob", password: "test1234", legacyMD5: false)
                _ = try await store.addContact(owner: "alice@example.com", contact: "bob@example.com", to: .forward)
                _ = try await store.setNickname(owner: "alice@example.com", contact: "bob@example.com", "Bobby")
                _ = try await store.setNotifyOnAdd(owner: "alice@example.com", false)
                _ = try await store.setFriendlyName(owner: "alice@example.com", "Alice S.")
                try await store.setPersonalMessage(owner: "alice@example.com", message: "hi", media: "")
                try await store.setMSNObject(owner: "alice@example.com", "<msnobj/>")
            }
            let store = try SQLiteMessengerStore(configuration: .init(directory: directory, passwordIterations: testIterations), logger: quietLogger)
            defer { try? store.close() }
            let list = try await store.contactList(owner: "alice@example.com")
            #expect(list.settings.version == 4)
            #expect(list.settings.notifyOnAdd == false)
            #expect(list.settings.friendlyName == "Alice S.")
            #expect(list.settings.personalMessage == "hi")
            #expect(list.settings.msnObject == "<msnobj/>")
            #expect(list.settings.listsChangedAt != nil && list.settings.settingsChangedAt != nil)
            #expect(list.entry(for: "bob@example.com")?.displayedName == "Bobby")
        }
    }
}
