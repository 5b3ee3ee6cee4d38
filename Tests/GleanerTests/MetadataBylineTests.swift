import Testing
@testable import GleanerExtract

@Suite struct MetadataBylineTests {
    let parser = BylineParser(rules: MetadataRules())

    @Test func splitsGermanByline() {
        let result = parser.parse("Von Anna Muster und Peter Beispiel")
        #expect(result.authors == ["Anna Muster", "Peter Beispiel"])
        #expect(result.agencies.isEmpty)
    }

    @Test func splitsEnglishListAndStripsBy() {
        let result = parser.parse("By Jane Doe, John Roe and Max Mustermann")
        #expect(result.authors == ["Jane Doe", "John Roe", "Max Mustermann"])
    }

    /// Lead-ins are rule data per language; one that is also a name particle ("di", "von")
    /// stays when it begins the name.
    @Test(arguments: [
        ("Текст: Венера Ерофеева", ["Венера Ерофеева"]),
        ("Автор: Иван Петров", ["Иван Петров"]),
        ("Par Jean Dupont", ["Jean Dupont"]),
        ("Texte : Jean Dupont", ["Jean Dupont"]),
        ("Por María López", ["María López"]),
        ("Texto: Ana Souza", ["Ana Souza"]),
        ("Di Mario Rossi", ["Mario Rossi"]),
        ("a cura di Mario Rossi", ["Mario Rossi"]),
        ("Door Jan de Vries", ["Jan de Vries"]),
        ("Von Anna Muster", ["Anna Muster"]),
        ("von der Leyen", ["von der Leyen"]),
    ])
    func stripsLeadInsOfEachLanguage(byline: String, authors: [String]) {
        #expect(parser.parse(byline).authors == authors)
    }

    /// A month name ends a name as often as a date: it goes only after a cut-off number or
    /// a connector.
    @Test func monthNamesThatEndNamesStay() {
        #expect(parser.parse("By Theresa May").authors == ["Theresa May"])
        #expect(parser.parse("Luigi Di Maio").authors == ["Luigi Di Maio"])
        #expect(parser.parse("Ian Lynam October 12, 2012").authors == ["Ian Lynam"])
        #expect(parser.parse("Jane Doe on Monday").authors == ["Jane Doe"])
        #expect(parser.parse("Jeff Foust Monday").authors == ["Jeff Foust"])
    }

    @Test func particleLeadInBeforeAnAgencyStillGoes() {
        #expect(parser.parse("Von dpa") == .init(authors: [], agencies: ["dpa"]))
        #expect(parser.stripPrefixes("Di Stefano") == "Di Stefano")
    }

    @Test func agencyGoesToAgency() {
        #expect(parser.parse("By Jane Doe, AP") == .init(authors: ["Jane Doe"], agencies: ["AP"]))
        #expect(parser.parse("Anna Muster/dpa") == .init(authors: ["Anna Muster"], agencies: ["dpa"]))
        #expect(parser.parse("Anna Muster (Reuters)") == .init(authors: ["Anna Muster"], agencies: ["Reuters"]))
        #expect(parser.parse("sda/daf") == .init(authors: [], agencies: ["sda/daf"]))
        #expect(parser.parse("The Associated Press") == .init(authors: [], agencies: ["The Associated Press"]))
    }

    @Test func agencyCreditForms() {
        #expect(parser.agencyCredit("(sda/daf)") == "sda/daf")
        #expect(parser.agencyCredit("dpa") == "dpa")
        #expect(parser.agencyCredit("AFP/dpa/lno") == "AFP/dpa/lno")
        #expect(parser.agencyCredit("KNA") == "KNA")
        #expect(parser.agencyCredit("Ria") == nil)  // a first name, not RIA
        #expect(parser.agencyCredit("Foto: Keystone") == nil)
        #expect(parser.agencyCredit("AP Photo/Evan Vucci") == nil)
    }

    @Test func dropsDatesRolesAndOrganisations() {
        #expect(parser.parse("Von Anna Muster, 11.09.2023, 14:05 Uhr").authors == ["Anna Muster"])
        #expect(parser.parse("Jane Doe, Staff Writer").authors == ["Jane Doe"])
        #expect(parser.parse("Jill Disis, CNN Business").authors == ["Jill Disis"])
        #expect(parser.parse("Redaktion Baseljetzt").authors.isEmpty)
        #expect(parser.parse("Updated 3 hours ago").authors.isEmpty)
    }

    @Test func capitalisedConjunctionDatesAndJunk() {
        #expect(parser.parse("By CAROLINE PORTER And KRISTINA PETERSON").authors == ["CAROLINE PORTER", "KRISTINA PETERSON"])
        #expect(parser.parse("By Ian Lynam October 12, 2012").authors == ["Ian Lynam"])
        #expect(parser.parse("Jane Doe on Monday").authors == ["Jane Doe"])
        #expect(parser.parse("CBSNews.com", minimumWords: 1).authors.isEmpty)
        #expect(parser.parse("Advertise On Our Site").authors.isEmpty)
        #expect(parser.parse("Resize: AAA").authors.isEmpty)
        #expect(parser.parse("Financial Times", minimumWords: 1).authors.isEmpty)
        #expect(parser.parse("J.D. Biersdorfer").authors == ["J.D. Biersdorfer"])
        #expect(parser.parse("Anna E Muster").authors == ["Anna E Muster"])
    }

    @Test func namesWithParticles() {
        #expect(parser.parse("Von Ursula von der Leyen").authors == ["Ursula von der Leyen"])
        #expect(parser.isPersonName("JANE DOE", minimumWords: 2))
        #expect(!parser.isPersonName("jane doe", minimumWords: 2))
        #expect(!parser.isPersonName("Madonna", minimumWords: 2))
        #expect(parser.isPersonName("Madonna", minimumWords: 1))
    }

    @Test func bylineElementOnPage() throws {
        let html = page(body: """
            <article><h1>Schulhaus wird später saniert</h1>
            <div class="article-byline">Von <a rel="author" href="/a">Anna Muster</a> und <a rel="author" href="/p">Peter Beispiel</a> · 11.09.2023</div>
            \(longParagraph)
            <div class="comments"><span class="comment-author">Hans Kommentar</span></div></article>
            """)
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.authors == ["Anna Muster", "Peter Beispiel"])
        #expect(metadata.published == "2023-09-11")
    }

    @Test func metaAuthorEqualToSiteIsDropped() throws {
        let html = page(head: "<meta property=\"og:site_name\" content=\"Example News\"><meta name=\"author\" content=\"Example News\">", body: "<h1>Headline of the story</h1>" + longParagraph)
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.authors.isEmpty)
    }

    @Test func endCreditInText() throws {
        let html = page(body: """
            <aside class="related"><p>Andere Geschichte mit Agenturmeldung (dpa)</p></aside>
            <h1>Kim Jong Un könnte Putin bald Waffen liefern</h1>
            \(longParagraph)
            <p>Konkrete Ergebnisse gab es dabei allerdings nicht. (sda/daf)</p>
            <div class="related-teaser"><p>Noch eine Meldung (AFP)</p></div>
            """)
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.agency == "sda/daf")
        #expect(metadata.authors.isEmpty)
    }

    @Test func datelineCredit() throws {
        let html = page(body: "<h1>Regierung stellt Haushalt vor</h1><p>Berlin (dpa) - Die Bundesregierung hat am Mittwoch ihren Entwurf für den Haushalt des kommenden Jahres vorgestellt.</p>")
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.agency == "dpa")
    }

    @Test func teaserCreditIsNotTaken() throws {
        let html = page(body: "<h1>Regierung stellt Haushalt vor</h1>\(longParagraph)<div class=\"teaser-list\"><p>Andere Meldung aus dem Ausland (AFP)</p></div>")
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.agency == nil)
    }

    @Test func midParagraphParenthesisIsNotACredit() throws {
        let html = page(body: "<h1>Regierung stellt Haushalt vor</h1><p>Die Nachrichtenagentur (dpa) berichtete am Mittwoch ausführlich über den Entwurf der Regierung und seine Folgen.</p>")
        let (metadata, _) = try #require(extractMetadata(html))
        #expect(metadata.agency == nil)
    }
}
