import Testing
@testable import GleanerExtract

@Suite struct CommentDateParserTests {
    let parser = CommentDateParser()

    @Test(arguments: [
        ("October 29, 2012 at 12:41 pm", "2012-10-29T12:41:00"),
        ("October 14th, 2012 at 4:51 am", "2012-10-14T04:51:00"),
        ("12.03.2024, 10:15 Uhr", "2024-03-12T10:15:00"),
        ("11. September 2023 um 14:02", "2023-09-11T14:02:00"),
        ("2012-10-27 11:34:58.", "2012-10-27T11:34:58"),
        ("Jul 23 2012", "2012-07-23"),
        ("29 October 2012 5:50PM", "2012-10-29T17:50:00"),
        ("11/09/12 at 11:18 am", "2012-11-09T11:18:00"),
        ("Posted: 11/6/2012 7:23am PST", "2012-11-06T07:23:00-08:00"),  // the zone shown is kept
        ("19 de octubre de 2012, 10:15", "2012-10-19T10:15:00"),
        ("2018年8月25日 15:24", "2018-08-25T15:24:00"),
        ("12 mars 2024", "2024-03-12"),
    ])
    func parsesCommonHeaderDates(text: String, expected: String) {
        #expect(parser.parse(text) == expected)
    }

    @Test func rejectsTextWithoutDate() {
        #expect(parser.parse("3 hours ago") == nil)
        #expect(parser.parse("Reply") == nil)
        #expect(parser.parse("13.13.2012") == nil)
    }

    @Test func passesISOAttributesThrough() {
        #expect(parser.parseAttribute("2023-09-11T14:02:00+02:00") == "2023-09-11T14:02:00+02:00")
        #expect(parser.parseAttribute("2023-09-11") == "2023-09-11")
    }
}

@Suite struct CommentHeaderTailTests {
    @Test(arguments: [
        ("nomaduk 10.29.2012 Log in to Reply", "nomaduk"),
        ("Anna Muster 14:02 Antworten", "Anna Muster"),
        ("Jane Doe Reply", "Jane Doe"),
        ("Jane Doe", "Jane Doe"),
        ("Reply", "Reply"),
    ])
    func authorEndsWhereTheHeaderGoesOn(raw: String, expected: String) {
        #expect(CommentItemParser.cutHeaderTail(raw, controls: CommentRules().controlTexts) == expected)
    }
}
