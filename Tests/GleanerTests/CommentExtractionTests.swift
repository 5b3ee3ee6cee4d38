import Testing
@testable import GleanerExtract
import GleanerModel

/// Comment extraction on small pages written in the markup real CMSs produce.
@Suite struct CommentExtractionTests {
    private func extract(_ html: String) throws -> Article {
        try ArticleExtractor().extract(html: Array(html.utf8), source: "test")
    }

    private static let articleText = """
        <p>Der Artikel beginnt mit einem langen Absatz, der genug Text enthält, damit er als Inhalt zählt.</p>
        <p>Ein zweiter Absatz mit weiteren Sätzen, Kommas, und noch mehr Text für die Bewertung des Inhalts.</p>
        <p>Ein dritter Absatz schliesst den Artikel ab, ebenfalls lang genug, um als Fliesstext erkannt zu werden.</p>
        """

    /// schema.org microdata names the header even when BEM class names say "content"
    /// (`content-wrapper__info-nick`): the comment's text never starts with its author and
    /// date line.
    @Test func microdataHeaderStaysOutOfTheCommentText() throws {
        let html = """
            <html><body><article><h1>Title</h1>\(Self.articleText)</article>
            <section class="comments"><ul class="comments__list">
              <li><div itemscope itemprop="comment" itemtype="https://schema.org/Comment" class="comment-item">
                <div class="content-wrapper__info"><span itemprop="author" class="content-wrapper__info-nick">Lena</span>
                <span itemprop="datePublished" content="2018-10-05T14:15:08+03:00" class="content-wrapper__info-date">11:15 05.10.18</span></div>
                <div itemprop="text" class="container__content-text"><span>Ein schöner Artikel, vielen Dank dafür und für die Bilder.</span></div></div></li>
              <li><div itemscope itemprop="comment" itemtype="https://schema.org/Comment" class="comment-item">
                <div class="content-wrapper__info"><span itemprop="author" class="content-wrapper__info-nick">Tom</span>
                <span itemprop="datePublished" content="2018-10-06T09:00:00+03:00" class="content-wrapper__info-date">06:00 06.10.18</span></div>
                <div itemprop="text" class="container__content-text"><span>Ich sehe das anders, aus mehreren Gründen, die ich gern erkläre.</span></div></div></li>
            </ul></section></body></html>
            """
        let article = try extract(html)
        #expect(article.comments.map(\.text) == [
            "Ein schöner Artikel, vielen Dank dafür und für die Bilder.", "Ich sehe das anders, aus mehreren Gründen, die ich gern erkläre.",
        ])
        #expect(article.comments.map(\.author) == ["Lena", "Tom"])
        #expect(article.comments.first?.published == "2018-10-05T14:15:08+03:00")
    }

    /// Older templates mark a comment only by an empty anchor at the start of its block.
    @Test func commentAnchorsMarkTheirBlocks() throws {
        let html = """
            <html><body><div class="post"><h1>Title</h1>\(Self.articleText)</div>
            <div id="listing"><h3>COMMENTS</h3>
              <div class="Normal"><a name="comment184238"></a>Thank you so much for this article, it helped a lot.
                <p class="postfoot">posted on Wednesday, October 24, 2012 at 7:26 PM by Kiwi</p></div>
              <div class="Normal"><a name="comment184301"></a>I disagree with the second point, for several reasons.
                <p class="postfoot">posted on Thursday, October 25, 2012 at 9:02 AM by Lee</p></div>
            </div></body></html>
            """
        let article = try extract(html)
        #expect(article.comments.count == 2)
        #expect(article.comments.first?.text.hasPrefix("Thank you so much") == true)
        #expect(!article.text.contains("Thank you so much"))
    }

    /// Movable Type: comments are `div#c<number>` siblings after a "Comments" heading, each
    /// followed by its "Posted by" line; the post's continuation sits in `div#more`.
    @Test func movableTypeNumberedCommentsAndExtendedEntry() throws {
        let html = """
            <html><body><div class="content"><h3>Title</h3>
            <p>The post opens with a short paragraph that leads into the quoted material below it.</p>
            <div id="more"><blockquote><p>A long quotation from another publication, long enough to be the bulk of the post, with commas, clauses, and more words after that.</p>
            <p>A second quoted paragraph, also long enough to count as running text in the article body itself.</p></blockquote></div>
            <p class="posted">Posted by Editor at October 29, 2012 05:10 PM</p>
            <h2 id="comments">Comments</h2>
            <div id="c115850"><p>The first reader comment, with enough words to count as a comment in its own right.</p><p>And a second paragraph of it.</p></div>
            <p class="posted">Posted by: jonathan at October 29, 2012 05:23 PM</p>
            <div id="c115853"><p>A second reader comment that disagrees with the first one, at some length.</p></div>
            <p class="posted">Posted by: tj at October 29, 2012 06:10 PM</p>
            <div id="c115860"><p>A third comment closes the thread with a short remark about the quotation.</p></div>
            <p class="posted">Posted by: Ann at October 29, 2012 06:30 PM</p>
            </div></body></html>
            """
        let article = try extract(html)
        #expect(article.comments.map(\.text.first) == ["T", "A", "A"])
        #expect(article.text.contains("A long quotation"))
        #expect(!article.text.contains("first reader comment"))
    }

    /// Movable Type's default template: one `div.comments-body` per comment with a plain-text
    /// "Posted by: NAME at DATE" footer. A lone `comments-body` holding a login form (the same
    /// class on a whole section) is not a comment.
    @Test func movableTypeCommentsBodyListWithPostedByFooters() throws {
        let comments = try extract("""
            <html><body><div class="entry"><h1>Title</h1>\(Self.articleText)</div>
            <div class="comments-head"><a name="comments"></a>Comments</div>
            <div class="comments-body"><p>Well, this is going to be a hard one today.</p>
              <span class="comments-post">Comment #1 - Posted by: MattPatt at November 10, 2012 5:39 PM</span></div>
            <div class="comments-body"><p>Looking forward to it anyway, see you there.</p>
              <span class="comments-post">Comment #2 - Posted by: Kurt M at November 10, 2012 5:55 PM</span></div>
            </body></html>
            """).comments
        #expect(comments.map(\.author) == ["MattPatt", "Kurt M"])
        #expect(comments.map(\.published) == ["2012-11-10", "2012-11-10"])
        #expect(comments.first?.text == "Well, this is going to be a hard one today.")

        let login = try extract("""
            <html><body><div class="entry"><h1>Title</h1>\(Self.articleText)</div>
            <div class="comments"><div class="comments-header"><h2>Comments</h2></div>
            <div class="comments-body"><form><b>Username</b> <input name="u"> <b>Password</b> <input name="p"></form>
              <p>Not yet part of the community? Register now to join the discussion!</p></div></div>
            </body></html>
            """).comments
        #expect(login.isEmpty)
    }

    @Test func wordPressThreadedCommentsHaveParents() throws {
        let html = """
            <html><body><article><h1>Title</h1>\(Self.articleText)</article>
            <div id="comments" class="comments-area">
              <h2 class="comments-title">3 thoughts on “Title”</h2>
              <ol class="comment-list">
                <li id="comment-11" class="comment even thread-even depth-1 parent">
                  <article id="div-comment-11" class="comment-body">
                    <footer class="comment-meta">
                      <div class="comment-author vcard"><img class="avatar" src="a.png">
                        <b class="fn">Alice</b> <span class="says">says:</span></div>
                      <div class="comment-metadata"><a href="#comment-11">
                        <time datetime="2012-10-29T12:41:00+00:00">October 29, 2012 at 12:41 pm</time></a></div>
                    </footer>
                    <div class="comment-content"><p>First comment text by Alice.</p></div>
                    <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
                  </article>
                  <ol class="children">
                    <li id="comment-12" class="comment odd alt depth-2">
                      <article id="div-comment-12" class="comment-body">
                        <footer class="comment-meta">
                          <div class="comment-author vcard"><b class="fn">Bob</b> <span class="says">says:</span></div>
                          <div class="comment-metadata"><time datetime="2012-10-29T13:00:00+00:00">October 29, 2012</time></div>
                        </footer>
                        <div class="comment-content"><p>A reply from Bob to Alice.</p></div>
                        <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
                      </article>
                    </li>
                  </ol>
                </li>
                <li id="comment-13" class="comment even thread-odd depth-1">
                  <article id="div-comment-13" class="comment-body">
                    <footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Carol</b></div>
                      <div class="comment-metadata">October 30, 2012 at 9:05 am</div></footer>
                    <div class="comment-content"><p>Carol writes a top-level comment.</p></div>
                  </article>
                </li>
              </ol>
              <div id="respond" class="comment-respond"><h3>Leave a Reply</h3>
                <form id="commentform"><p class="comment-form-comment"><label>Comment</label><textarea></textarea></p>
                <p class="form-submit"><input type="submit" value="Post Comment"></p></form></div>
            </div></body></html>
            """
        let article = try extract(html)
        #expect(article.comments.count == 3, "\(article.comments)")
        guard article.comments.count == 3 else { return }
        #expect(article.comments[0].author == "Alice")
        #expect(article.comments[0].text == "First comment text by Alice.")
        #expect(article.comments[0].published == "2012-10-29T12:41:00+00:00")
        #expect(article.comments[0].parent == nil)
        #expect(article.comments[1].author == "Bob")
        #expect(article.comments[1].text == "A reply from Bob to Alice.")
        #expect(article.comments[1].parent == 0)
        #expect(article.comments[2].author == "Carol")
        #expect(article.comments[2].parent == nil)
        // A local time on a page without a dated offset keeps only its date (record convention).
        #expect(article.comments[2].published == "2012-10-30")
        // The comment section is not part of the body.
        let body = article.blocks.map(\.text).joined(separator: " ")
        #expect(!body.contains("Alice"))
        #expect(body.contains("Der Artikel beginnt"))
    }

    @Test func flatListWithDepthClassesGetsParents() throws {
        let html = """
            <html><body>\(Self.articleText)<div id="comments"><div class="commentlist">
            <div class="comment depth-1" id="comment-1"><span class="comment-author">Ann</span><p>Top level one.</p></div>
            <div class="comment depth-2" id="comment-2"><span class="comment-author">Ben</span><p>Reply to Ann.</p></div>
            <div class="comment depth-1" id="comment-3"><span class="comment-author">Cid</span><p>Top level two.</p></div>
            </div></div></body></html>
            """
        let comments = try extract(html).comments
        #expect(comments.map(\.parent) == [nil, 0, nil])
        #expect(comments.map(\.author) == ["Ann", "Ben", "Cid"])
    }

    @Test func schemaOrgCommentMicrodata() throws {
        let html = """
            <html><body><article itemscope itemtype="https://schema.org/NewsArticle">\(Self.articleText)
            <section>
              <div itemprop="comment" itemscope itemtype="https://schema.org/Comment">
                <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Dora</span></span>
                <meta itemprop="dateCreated" content="2024-03-12T10:15:00+01:00">
                <div itemprop="text">Microdata comment body.</div>
              </div>
            </section></article></body></html>
            """
        let comments = try extract(html).comments
        #expect(comments.count == 1)
        #expect(comments.first?.author == "Dora")
        #expect(comments.first?.published == "2024-03-12T10:15:00+01:00")
        #expect(comments.first?.text == "Microdata comment body.")
    }

    @Test func commentFormIsNotAComment() throws {
        let html = """
            <html><body>\(Self.articleText)
            <div id="comments" class="comments-area">
              <h3 id="reply-title">Leave a Reply</h3>
              <form id="commentform" class="comment-form">
                <p class="comment-notes">Your email address will not be published. Required fields are marked *</p>
                <p class="comment-form-comment"><label for="comment">Comment</label><textarea id="comment"></textarea></p>
                <p class="comment-form-author"><label for="author">Name *</label><input id="author"></p>
                <p class="comment-form-cookies-consent"><input type="checkbox"><label>Save my name, email, and website in this browser for the next time I comment.</label></p>
                <p class="form-submit"><input type="submit" value="Post Comment"></p>
              </form>
            </div></body></html>
            """
        #expect(try extract(html).comments.isEmpty)
    }

    @Test func pageWithoutCommentsGivesNone() throws {
        let html = """
            <html><body><nav><ul><li class="comment"><a href="/comments">Comments</a></li></ul></nav>
            <article><h1>Title</h1>\(Self.articleText)<p class="comment-count"><a href="#comments">12 comments</a></p></article>
            <aside class="widget widget_recent_comments"><ul id="recentcomments">
              <li class="recentcomments"><span class="comment-author-link">Eve</span> on <a href="/x">Other post</a></li>
              <li class="recentcomments"><span class="comment-author-link">Fay</span> on <a href="/y">Another post</a></li>
            </ul></aside></body></html>
            """
        #expect(try extract(html).comments.isEmpty)
    }

    /// A German regional news page in WordPress markup (the project's seed page): feedback
    /// widget, comment form with consent text, login prompt, and one comment by "mil1977".
    @Test func germanNewsPageWithOneComment() throws {
        let html = """
            <html lang="de"><body>
            <header><nav><a href="/">Baseljetzt</a></nav></header>
            <main><article class="post">
              <h1>Kim Jong Un könnte Putin bald Waffen liefern</h1>
              <p class="lead">Russlands Präsident Wladimir Putin wird demnächst Besuch erhalten.</p>
              \(Self.articleText)
              <p>(sda/daf)</p>
            </article>
            <div class="feedback-widget"><p>Hat dir dieser Artikel gefallen?</p><button>Ja</button><button>Nein</button></div>
            <section id="comments" class="comments-area">
              <h2 class="comments-title">Kommentare</h2>
              <div id="respond" class="comment-respond">
                <h3 id="reply-title" class="comment-reply-title">Dein Kommentar</h3>
                <form id="commentform" class="comment-form">
                  <p class="comment-form-comment"><textarea name="comment"></textarea></p>
                  <p class="comment-form-cookies-consent"><input type="checkbox" id="consent">
                  <label for="consent">Mit dem Absenden dieses Formulars erkläre ich mich mit der zweckgebundenen Speicherung der angegebenen Daten einverstanden. Datenschutzerklärung und Widerrufshinweise</label></p>
                  <p class="form-submit"><input type="submit" value="Absenden"></p>
                </form>
              </div>
              <div class="login-prompt"><p>Kommentare lesen?</p><p>Um Kommentare lesen zu können, melde dich bitte an.</p></div>
              <ol class="comment-list">
                <li id="comment-48211" class="comment even thread-even depth-1">
                  <article id="div-comment-48211" class="comment-body">
                    <footer class="comment-meta">
                      <div class="comment-author vcard"><b class="fn">mil1977</b></div>
                      <div class="comment-metadata"><time datetime="2023-09-11T14:02:00+02:00">11. September 2023 um 14:02</time></div>
                    </footer>
                    <div class="comment-content">
                      <p>Im Krieg wird Eisen zu Gold. Zu allen Zeiten.<br>
                      Und die Waffenproduzenten dieser Welt verdienen gerade ganz famos.<br>
                      Warum sollten die an einem schnellen Ergebnis interessiert sein?</p>
                      <p>Dieser Krieg dauert vermutlich noch lange.<br>Vielleicht sogar sehr lange.</p>
                    </div>
                    <div class="reply"><a class="comment-reply-link" href="#">Antworten</a></div>
                  </article>
                </li>
              </ol>
            </section></main></body></html>
            """
        let article = try extract(html)
        #expect(article.comments.count == 1)
        let comment = try #require(article.comments.first)
        #expect(comment.author == "mil1977")
        #expect(comment.published == "2023-09-11T14:02:00+02:00")
        #expect(comment.text.hasPrefix("Im Krieg wird Eisen zu Gold."))
        #expect(comment.text.hasSuffix("Vielleicht sogar sehr lange."))
        #expect(!comment.text.contains("Antworten"))
        #expect(!comment.text.contains("mil1977"))
        let body = article.blocks.map(\.text).joined(separator: " ")
        #expect(!body.contains("Eisen zu Gold"))
        #expect(!body.contains("zweckgebundenen Speicherung"))
    }

    @Test func bloggerDefinitionListUsesDtAsHeader() throws {
        let html = """
            <html><body>\(Self.articleText)<div class="comments" id="comments"><h4>2 comments:</h4>
            <dl id="comments-block">
              <dt class="comment-author" id="c1001"><a href="/u/1">Grandma G</a> said...</dt>
              <dd class="comment-body"><p>I like the cat one.</p></dd>
              <dd class="comment-footer"><span class="comment-timestamp"><a href="#c1001">October 26, 2012 5:36 PM</a></span></dd>
              <dt class="comment-author" id="c1002"><a href="/u/2">Debie Grace</a> said...</dt>
              <dd class="comment-body"><p>cool! :D</p></dd>
            </dl></div></body></html>
            """
        let comments = try extract(html).comments
        #expect(comments.map(\.author) == ["Grandma G", "Debie Grace"])
        #expect(comments.map(\.text) == ["I like the cat one.", "cool! :D"])
    }

    @Test func repeatedStructureInCommentSectionWithoutCommentClasses() throws {
        let html = """
            <html><body>\(Self.articleText)<div id="comments"><h2>Comments</h2><dl>
            <dt><a href="#1">1.</a> William Kirk - August 8, 2012</dt><dd><p>Shatner rules, and this is the first comment.</p></dd>
            <dt><a href="#2">2.</a> MJ - August 8, 2012</dt><dd><p>Congrats for throwing a legit strike, second comment.</p></dd>
            </dl></div></body></html>
            """
        let comments = try extract(html).comments
        #expect(comments.count == 2)
        #expect(comments.first?.published == "2012-08-08")
        #expect(comments.last?.text == "Congrats for throwing a legit strike, second comment.")
    }
}

@Suite struct CommentDateHarmonizerTests {
    @Test func localCommentTimesTakeThePageOffsetOrFallBackToTheDate() {
        let comments = [
            Comment(author: "a", published: "2023-05-14T10:03:00", text: "x"),
            Comment(author: "b", published: "2023-05-14T10:03:00+01:00", text: "y"),
            Comment(author: "c", published: nil, text: "z"),
        ]
        let withOffset = CommentDateHarmonizer.harmonize(comments, pagePublished: "2023-05-13T08:00:00+02:00")
        #expect(withOffset.map(\.published) == ["2023-05-14T10:03:00+02:00", "2023-05-14T10:03:00+01:00", nil])
        let withoutOffset = CommentDateHarmonizer.harmonize(comments, pagePublished: "2023-05-13")
        #expect(withoutOffset.map(\.published) == ["2023-05-14", "2023-05-14T10:03:00+01:00", nil])
    }
}
