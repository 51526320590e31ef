//! Synthetic but realistic response bodies, deterministic (no RNG: values
//! vary with the index), so every run measures the same bytes.

use std::fmt::Write as _;

/// Field names of a typical Copernica database (10 per profile).
const FIELDS: [&str; 10] = [
    "firstname",
    "lastname",
    "email",
    "company",
    "city",
    "country",
    "phone",
    "birthdate",
    "newsletter",
    "notes",
];

/// Key/value fields per generated profile.
pub const FIELDS_PER_PROFILE: usize = FIELDS.len();

/// A `Database_searchProfiles` result (`<result>` with `start`, `length`,
/// `total` and `items/profile*`, each profile with id, code, timestamps and
/// 10 key/value pairs under `fields`) of at least `min_bytes`. Returns the
/// document and the number of profiles. Values contain an escaped `&amp;`
/// now and then, as real data does.
pub fn copernica_search_profiles(min_bytes: usize) -> (Vec<u8>, usize) {
    let mut s = String::with_capacity(min_bytes + 4096);
    s.push_str(
        "<ns1:result xmlns:ns1=\"https://soap.copernica.com/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <start>0</start><length>0000000000</length><total>0000000000</total><items>",
    );
    let mut n = 0usize;
    while s.len() < min_bytes {
        let _ = write!(
            s,
            "<profile><id>{id}</id><code>c{id:08x}</code><created>2019-{m:02}-{d:02} 10:{mi:02}:00</created>\
             <modified>2024-{m:02}-{d:02} 12:{mi:02}:30</modified><lastexport xsi:nil=\"true\"/><fields>",
            id = 100_000 + n,
            m = n % 12 + 1,
            d = n % 28 + 1,
            mi = n % 60
        );
        for (i, key) in FIELDS.iter().enumerate() {
            let _ = write!(s, "<pair><key>{key}</key><value>");
            match i {
                0 => {
                    let _ = write!(s, "Jan{}", n % 977);
                }
                1 => {
                    let _ = write!(s, "Jansen-{}", n % 9973);
                }
                2 => {
                    let _ = write!(s, "jan.jansen{n}@example.com");
                }
                3 => {
                    let _ = write!(s, "Jansen &amp; Zonen B.V. {}", n % 101);
                }
                4 => s.push_str(["Amsterdam", "Rotterdam", "Utrecht", "Den Haag"][n % 4]),
                5 => s.push_str("NL"),
                6 => {
                    let _ = write!(s, "+31 20 {:07}", n % 10_000_000);
                }
                7 => {
                    let _ = write!(
                        s,
                        "19{:02}-{:02}-{:02}",
                        50 + n % 50,
                        n % 12 + 1,
                        n % 28 + 1
                    );
                }
                8 => s.push_str(if n.is_multiple_of(3) { "yes" } else { "no" }),
                _ => {
                    let _ = write!(
                        s,
                        "Customer since {} &lt;vip&gt;; prefers e-mail over phone calls.",
                        2000 + n % 25
                    );
                }
            }
            s.push_str("</value></pair>");
        }
        s.push_str("</fields></profile>");
        n += 1;
    }
    s.push_str("</items></ns1:result>");
    // Patch the counts in place (fixed width, so no byte moves).
    let counts = format!("{n:010}");
    for tag in ["<length>", "<total>"] {
        if let Some(at) = s.find(tag) {
            let start = at + tag.len();
            s.replace_range(start..start + 10, &counts);
        }
    }
    (s.into_bytes(), n)
}

/// An Exchange `FindItemResponse` with `items` messages (ids, subject,
/// dates, sender mailbox, flags: what a FindItem with the default shape plus
/// a few properties returns).
pub fn ews_find_item(items: usize) -> Vec<u8> {
    let mut s = String::with_capacity(items * 1100 + 1024);
    let _ = write!(
        s,
        "<m:FindItemResponse xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\" \
         xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\">\
         <m:ResponseMessages><m:FindItemResponseMessage ResponseClass=\"Success\">\
         <m:ResponseCode>NoError</m:ResponseCode>\
         <m:RootFolder IndexedPagingOffset=\"{items}\" TotalItemsInView=\"{items}\" IncludesLastItemInRange=\"true\">\
         <t:Items>"
    );
    for n in 0..items {
        let _ = write!(
            s,
            "<t:Message>\
             <t:ItemId Id=\"AAMkADk0N2E4NjQ4LWI3ZmYtNDg1Ny05NjEwLTVkNmQ4NzI1NGE3ZgBGAAAAAAAnTfA{n:010}AAA=\" ChangeKey=\"CQAAABYAAAB{n:08x}\"/>\
             <t:ParentFolderId Id=\"AAMkADk0N2E4NjQ4LWI3ZmYtNDg1Ny05NjEwLTVkNmQ4NzI1NGE3ZgAuAAAAAAAnTfAAAQ=\" ChangeKey=\"AQAAAA==\"/>\
             <t:ItemClass>IPM.Note</t:ItemClass>\
             <t:Subject>Re: quarterly report {n} &amp; budget &lt;draft&gt;</t:Subject>\
             <t:Sensitivity>Normal</t:Sensitivity>\
             <t:DateTimeReceived>2024-{m:02}-{d:02}T09:{mi:02}:00Z</t:DateTimeReceived>\
             <t:Size>{size}</t:Size>\
             <t:Importance>Normal</t:Importance>\
             <t:IsSubmitted>false</t:IsSubmitted>\
             <t:IsDraft>false</t:IsDraft>\
             <t:DateTimeSent>2024-{m:02}-{d:02}T09:{mi:02}:00Z</t:DateTimeSent>\
             <t:DateTimeCreated>2024-{m:02}-{d:02}T09:{mi:02}:05Z</t:DateTimeCreated>\
             <t:DisplayTo>Jan Jansen; Piet Pietersen</t:DisplayTo>\
             <t:HasAttachments>{att}</t:HasAttachments>\
             <t:From><t:Mailbox><t:Name>Sender {n}</t:Name><t:EmailAddress>sender{n}@example.com</t:EmailAddress>\
             <t:RoutingType>SMTP</t:RoutingType><t:MailboxType>Mailbox</t:MailboxType></t:Mailbox></t:From>\
             <t:IsRead>{read}</t:IsRead>\
             </t:Message>",
            m = n % 12 + 1,
            d = n % 28 + 1,
            mi = n % 60,
            size = 2048 + n % 100_000,
            att = n.is_multiple_of(5),
            read = n.is_multiple_of(2),
        );
    }
    s.push_str("</t:Items></m:RootFolder></m:FindItemResponseMessage></m:ResponseMessages></m:FindItemResponse>");
    s.into_bytes()
}
