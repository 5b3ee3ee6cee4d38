import GleanerNormalize
import Testing

@Suite struct MetadataDateTests {
    @Test(arguments: [
        ("2023-09-11T14:05:00+02:00", "2023-09-11T14:05:00+02:00"),
        ("2023-09-11T12:05:00Z", "2023-09-11T12:05:00+00:00"),
        ("2023-09-11T12:05:00.123Z", "2023-09-11T12:05:00+00:00"),
        ("2023-09-11T14:05:00+0200", "2023-09-11T14:05:00+02:00"),
        ("2023-09-11T09:05-04:00", "2023-09-11T09:05:00-04:00"),
        ("2023-09-11 14:05:00 +0200", "2023-09-11T14:05:00+02:00"),
        ("2023-09-11", "2023-09-11"),
        ("2023-09-11T14:05:00", "2023-09-11"),  // no offset: date only
        ("2023-09-11 14:05", "2023-09-11"),
        ("Mon, 11 Sep 2023 14:05:00 +0200", "2023-09-11T14:05:00+02:00"),
        ("11 Sep 2023 12:05 GMT", "2023-09-11T12:05:00+00:00"),
        ("11.09.2023, 14:05", "2023-09-11"),
        ("11.09.2023, 14:05 Uhr", "2023-09-11"),
        ("Montag, 11. September 2023, 14.05 Uhr MESZ", "2023-09-11T14:05:00+02:00"),
        ("11. Sept. 2023", "2023-09-11"),
        ("September 11, 2023", "2023-09-11"),
        ("Sept. 11, 2023, 2:05 p.m. EDT", "2023-09-11T14:05:00-04:00"),
        ("Sep 11th, 2023 12:30 AM UTC", "2023-09-11T00:30:00+00:00"),
        ("11 septembre 2023", "2023-09-11"),
        ("Veröffentlicht am 1. März 2024", "2024-03-01"),
        ("14:05 - 11.09.2023", "2023-09-11"),
        ("1694433900", "2023-09-11T12:05:00+00:00"),
        ("2024-02-29", "2024-02-29"),
    ])
    func normalizes(input: String, expected: String) {
        #expect(DateNormalizer.normalize(input) == expected)
    }

    @Test(arguments: ["", "Updated 3 hours ago", "2023-02-30", "2023-13-01", "31.02.2023", "no date here", "12345"])
    func rejects(input: String) {
        #expect(DateNormalizer.normalize(input) == nil)
    }

    @Test func parsedKeepsComponents() throws {
        let parsed = try #require(DateNormalizer.parse("2023-09-11T14:05:30-04:30"))
        #expect(parsed.year == 2023 && parsed.month == 9 && parsed.day == 11)
        #expect(parsed.hour == 14 && parsed.minute == 5 && parsed.second == 30)
        #expect(parsed.offsetMinutes == -270)
        #expect(parsed.isInstant)
    }
}

@Suite struct DateNormalizerUTCTests {
    @Test func instantsMoveToUTCAcrossDayAndYearBoundaries() {
        #expect(DateNormalizer.utc("2024-05-01T10:30:00+02:00") == "2024-05-01T08:30:00+00:00")
        #expect(DateNormalizer.utc("2024-01-01T00:30:00+01:00") == "2023-12-31T23:30:00+00:00")
        #expect(DateNormalizer.utc("2024-02-28T22:00:00-05:00") == "2024-02-29T03:00:00+00:00")
        #expect(DateNormalizer.utc("Wed, 01 May 2024 10:30:00 GMT") == "2024-05-01T10:30:00+00:00")
    }

    @Test func datesWithoutOffsetStayDates() {
        #expect(DateNormalizer.utc("2024-05-01") == "2024-05-01")
        #expect(DateNormalizer.utc("2024-05-01T10:30") == "2024-05-01")
        #expect(DateNormalizer.utc("no date here") == nil)
    }
}
