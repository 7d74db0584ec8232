/// The client policies the notification server hands out with `GCF`.
///
/// ```
/// S: GCF 0 612
/// <Policies><Policy type="SHIELDS" checksum="…">…</Policy>…</Policies>
/// ```
/// WLM reads the `SHIELDS` policy to decide which client builds may sign in (`cli` ranges) and
/// which words to block; the others tune its address-book polling and P2P. The document here
/// allows every build and blocks nothing.
public enum PolicyDocument {
    /// Allows every client build, blocks no words, and asks for no special behaviour.
    public static let `default` = """
        <Policies>\
        <Policy type="SHIELDS" checksum="0E4A8F4C1B2D3E5F60718293A4B5C6D7">\
        <config><shield><cli maj="7" min="0" minbld="0" maxbld="9999" deny=" "/></shield>\
        <block></block></config></Policy>\
        <Policy type="ABCH" checksum="1F5B9A5D2C3E4F607182930A4B5C6D7E">\
        <policy><set id="push" service="ABCH" priority="200"><r id="pushstorage" threshold="180000"/></set></policy>\
        </Policy>\
        <Policy type="P2P" checksum="2A6CAB6E3D4F50718293A40B5C6D7E8F"><ObjStr SndDly="1"/></Policy>\
        </Policies>
        """
}
