import MSNCore
@testable import MSNServer
import Testing

/// `<ml>` parsing of MSNP13+ `ADL`/`RML`/`FQY`, including hostile payloads.
@Suite struct MembershipListTests {
    @Test func readsInitialList() throws {
        let list = try MembershipList.parse(#"<ml l="1"><d n="Example.com"><c n="bob" l="3" t="1" /><c n="carol" l="4" t="1"/></d><d n="other.net"><c n="dave" l="1" t="1"/></d></ml>"#).get()
        #expect(list.isInitial)
        #expect(list.entries == [
            .init(email: "bob@example.com", lists: [.forward, .allow]),
            .init(email: "carol@example.com", lists: .block),
            .init(email: "dave@other.net", lists: .forward),
        ])
    }

    @Test func skipsOtherNetworksAndPhones() throws {
        let list = try MembershipList.parse(#"<ml><d n="yahoo.com"><c n="y" l="1" t="32"/></d><t><c n="tel:+15551111222" l="3"/></t><d n="example.com"><c n="bob" l="2"/></d></ml>"#).get()
        #expect(!list.isInitial)
        #expect(list.entries == [.init(email: "bob@example.com", lists: .allow)])
    }

    @Test func queryNeedsNoBits() throws {
        let list = try MembershipList.parse(#"<ml><d n="example.com"><c n="bob"/></d></ml>"#, requiresLists: false).get()
        #expect(list.entries == [.init(email: "bob@example.com", lists: [])])
        #expect(MembershipList.parse(#"<ml><d n="example.com"><c n="bob"/></d></ml>"#) == .failure(.malformed))
    }

    @Test(arguments: [
        (#"<ml><d n="example.com"><c n="bob" l="8" t="1"/></d></ml>"#, MembershipList.Failure.serverList),
        (#"<ml><d n="example.com"><c n="bob" l="17" t="1"/></d></ml>"#, .serverList),
        (#"<ml><d n="example.com"></d></ml>"#, .emptyDomain),
        (#"<ml><d n="example.com"/></ml>"#, .emptyDomain),
        (#"<ml><d n="example.com"><c n="bob" l="1" t="1">"#, .malformed),
        ("not xml at all", .malformed),
        ("", .malformed),
        (#"<ml><d n="example.com"><c n="bob" l="64" t="1"/></d></ml>"#, .malformed),
        (#"<ml><d n="example.com"><c n="bob" l="x" t="1"/></d></ml>"#, .malformed),
        (#"<ml><d n="example.com"><c n="b b" l="1" t="1"/></d></ml>"#, .malformed),
        (#"<ml><d><c n="bob" l="1" t="1"/></d></ml>"#, .malformed),
        (#"<ml><x/></ml>"#, .malformed),
        (#"<ml>text</ml>"#, .malformed),
        (#"<!DOCTYPE ml [<!ENTITY a "aaaa">]><ml><d n="example.com"><c n="&a;" l="1"/></d></ml>"#, .malformed),
        (#"<ml><d n="example.com"><c n="bob" l="1"><c n="x" l="1"/></c></d></ml>"#, .malformed),
        (#"<ml><ml><ml><ml><ml></ml></ml></ml></ml></ml>"#, .malformed),
    ])
    func refusesHostileInput(_ xml: String, _ failure: MembershipList.Failure) {
        #expect(MembershipList.parse(xml) == .failure(failure))
    }

    @Test func deepNestingIsRefusedEarly() {
        let deep = String(repeating: "<d n=\"a.b\">", count: 10_000)
        guard case .failure = MembershipList.parse("<ml>" + deep) else { Issue.record("accepted"); return }
    }

    @Test func refusesMoreThanTheContactLimit() {
        let contacts = String(repeating: #"<c n="bob" l="1" t="1"/>"#, count: 100_000)
        let xml = #"<ml><d n="example.com">"# + contacts + "</d></ml>"
        #expect(MembershipList.parse(xml) == .failure(.tooLarge))
        var limits = MembershipList.Limits()
        limits.maximumBytes = .max
        #expect(MembershipList.parse(xml, limits: limits) == .failure(.tooLarge))
        let thousand = #"<ml><d n="example.com">"# + String(repeating: #"<c n="bob" l="1" t="1"/>"#, count: 1000) + "</d></ml>"
        #expect((try? MembershipList.parse(thousand).get())?.entries.count == 1000)
    }

    @Test func writesEscapedXML() {
        #expect(MembershipList.xml(["bob@example.com", "carol@example.com", "dave@other.net"])
                == #"<ml><d n="example.com"><c n="bob" t="1"/><c n="carol" t="1"/></d><d n="other.net"><c n="dave" t="1"/></d></ml>"#)
        #expect(MembershipList.xml(["a@b.c"], lists: .reverse, friendlyName: "A\"<&")
                == #"<ml><d n="b.c"><c n="a" l="8" t="1" f="A&quot;&lt;&amp;"/></d></ml>"#)
    }

    @Test func commandsMapToErrors() {
        func frame(_ verb: Verb, _ xml: String) -> Frame { Frame(verb: verb, transactionID: 6, arguments: [], payloadText: xml) }
        #expect(MembershipCommand.parse(frame(.adl, "<ml")) == .error(.invalidContactList, close: true))
        #expect(MembershipCommand.parse(frame(.adl, #"<ml><d n="a.b"></d></ml>"#)) == .error(.emptyDomainElement, close: false))
        #expect(MembershipCommand.parse(frame(.rml, #"<ml><d n="a.b"><c n="x" l="8"/></d></ml>"#)) == .error(.invalidContactList, close: false))
        let ok = #"<ml><d n="a.b"><c n="x" l="1"/></d></ml>"#
        #expect(MembershipCommand.parse(frame(.rml, ok)) == .command(.remove(.init(entries: [.init(email: "x@a.b", lists: .forward)]))))
    }
}
