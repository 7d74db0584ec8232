/// The services one sign-in got tickets for, in request order (slot 0, 1, …), kept in 16 bytes
/// without a heap allocation when they are at most eight well-known ones (what clients ask for).
///
/// ```xml
/// <wsa:Address>messengerclear.live.com</wsa:Address> … <wsa:Address>contacts.msn.com</wsa:Address>
/// ```
/// → slots 0 and 1, packed as one byte each.
struct TicketServices: Sendable, Hashable {
    /// The services a code byte may stand for (code = index + 1; 0 ends the list).
    static let wellKnown: [PassportService] = [
        .messengerClear, .messenger, .contacts, .messengerSecure, .storage, .spaces, .passportTB,
    ]

    private enum Storage: Sendable, Hashable {
        /// Up to eight well-known services, one code byte each, slot 0 in the low byte.
        case packed(UInt64)
        /// Anything else (a service not in ``wellKnown``, or more than eight).
        case list([PassportService])
    }

    private let storage: Storage

    /// The services of `services`, slot by slot.
    init(_ services: [PassportService]) {
        var packed: UInt64 = 0
        if services.count <= 8 {
            for (slot, service) in services.enumerated() {
                guard let index = Self.wellKnown.firstIndex(of: service) else {
                    storage = .list(services)
                    return
                }
                packed |= UInt64(index + 1) << UInt64(8 * slot)
            }
            storage = .packed(packed)
        } else {
            storage = .list(services)
        }
    }

    /// Number of services (slots).
    var count: Int {
        switch storage {
        case .packed(let packed): (64 - packed.leadingZeroBitCount + 7) / 8
        case .list(let list): list.count
        }
    }

    /// The service of `slot`, or `nil` past the end.
    subscript(slot: Int) -> PassportService? {
        guard slot >= 0, slot < count else { return nil }
        switch storage {
        case .packed(let packed):
            let code = Int(packed >> UInt64(8 * slot) & 0xFF)
            return Self.wellKnown[code - 1]
        case .list(let list):
            return list[slot]
        }
    }
}
