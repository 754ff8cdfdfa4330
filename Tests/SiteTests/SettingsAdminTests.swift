import AlbumCore
import Foundation
import HTTP
import Site
import SiteTestSupport
import Testing

/// `/settings` (password, plan and use) and the administrators' `/admin/users` and
/// `/admin/groups`, through `Site.respond` as a browser without scripts sends them.
@Suite struct SettingsAdminTests {
    let test: TestSite

    init() throws {
        test = try TestSite()
        try test.accounts.createUser(username: "root", password: "admin password", role: .admin)
        try test.accounts.createUser(username: "alice", password: "correct horse")
    }

    func csrf(_ cookies: [String: String]) throws -> String {
        try TestSite.csrfToken(in: test.send("GET", "/settings", cookies: cookies))
    }

    @Test func changingThePasswordChecksTheOldOneAndEndsOtherSessions() throws {
        let here = try test.signIn("alice", "correct horse")
        let elsewhere = try test.signIn("alice", "correct horse")
        let token = try csrf(here)
        let page = test.send("GET", "/settings", cookies: here).bodyText
        #expect(page.contains("<dd>alice</dd>") && page.contains("Albums") && page.contains("no limit"))

        let wrong = test.postForm(
            "/settings/password",
            [("_csrf", token), ("current", "nope"), ("new", "new secret 1"), ("confirm", "new secret 1")],
            cookies: here)
        #expect(wrong.status == .badRequest && wrong.bodyText.contains("The current password is wrong."))
        let differ = test.postForm(
            "/settings/password",
            [("_csrf", token), ("current", "correct horse"), ("new", "new secret 1"), ("confirm", "new secret 2")],
            cookies: here)
        #expect(differ.status == .badRequest && differ.bodyText.contains("The two new passwords differ."))
        let short = test.postForm(
            "/settings/password",
            [("_csrf", token), ("current", "correct horse"), ("new", "short"), ("confirm", "short")],
            cookies: here)
        #expect(short.status == .badRequest && short.bodyText.contains("at least 8 characters"))

        let changed = test.postForm(
            "/settings/password",
            [("_csrf", token), ("current", "correct horse"), ("new", "new secret 1"), ("confirm", "new secret 1")],
            cookies: here)
        #expect(changed.status == .ok && changed.bodyText.contains("Your password is changed"))
        #expect(test.send("GET", "/settings", cookies: here).status == .ok)
        #expect(test.send("GET", "/settings", cookies: elsewhere).status == .found)  // signed out
        #expect(throws: AccountError.invalidCredentials) {
            try test.accounts.authenticate(username: "alice", password: "correct horse", address: "t")
        }
        _ = try test.signIn("alice", "new secret 1")
    }

    @Test func anAdminGivesAPlanAndItsLimitsShowBesideUse() throws {
        try test.database.write { db in
            try db.execute(sql: "INSERT INTO plans (name, max_albums, max_file_bytes) VALUES ('Small', 3, 5000000)")
        }
        let root = try test.signIn("root", "admin password")
        let aliceId = try #require(try test.accounts.user(named: "alice")?.id)
        let users = test.send("GET", "/admin/users", cookies: root).bodyText
        #expect(users.contains(#"<option value="1">Small</option>"#))
        _ = test.postForm(
            "/admin/users/\(aliceId)", [("_csrf", try csrf(root)), ("role", "user"), ("plan", "1")], cookies: root)
        #expect(try test.accounts.user(named: "alice")?.planId == 1)

        _ = try test.library.createAlbum(named: "One", ownerId: aliceId)
        let page = test.send("GET", "/settings", cookies: try test.signIn("alice", "correct horse")).bodyText
        #expect(page.contains(#"<th scope="row">Albums</th><td>1</td><td>3</td>"#))
        #expect(page.contains(#"<th scope="row">Largest file</th><td></td><td>5 MB</td>"#))
        let admin = test.send("GET", "/settings", cookies: root).bodyText
        #expect(admin.contains("Administrators have no limits."))
    }

    @Test func onlyAdministratorsReachTheAdminPages() throws {
        let alice = try test.signIn("alice", "correct horse")
        #expect(test.send("GET", "/admin/users", cookies: alice).status == .forbidden)
        #expect(test.send("GET", "/admin/groups", cookies: alice).status == .forbidden)
        #expect(test.send("GET", "/admin/plans", cookies: alice).status == .forbidden)
        let token = try csrf(alice)
        let sneaky = test.postForm(
            "/admin/users", [("_csrf", token), ("username", "mallory"), ("password", "12345678"), ("role", "admin")],
            cookies: alice)
        #expect(sneaky.status == .forbidden)
        #expect(try test.accounts.user(named: "mallory") == nil)
        #expect(test.send("GET", "/admin/users").status == .found)  // signed out: to the login form
        let root = try test.signIn("root", "admin password")
        let page = test.send("GET", "/admin/users", cookies: root)
        #expect(page.status == .ok && page.bodyText.contains("alice") && page.bodyText.contains("Create user"))
        #expect(test.send("GET", "/", cookies: root).bodyText.contains(#"href="/admin/users""#))
        #expect(!test.send("GET", "/", cookies: alice).bodyText.contains(#"href="/admin/users""#))
    }

    @Test func adminsCreateUsersSetRolesAndDisableAccounts() throws {
        let root = try test.signIn("root", "admin password")
        let token = try csrf(root)
        let created = test.postForm(
            "/admin/users", [("_csrf", token), ("username", "bob"), ("password", "bob's password"), ("role", "user")],
            cookies: root)
        #expect(created.status == .seeOther || created.status == .found, "\(created.transcript)")
        let taken = test.postForm(
            "/admin/users", [("_csrf", token), ("username", "BOB"), ("password", "bob's password")], cookies: root)
        #expect(taken.status == .seeOther)
        #expect(said(test.send("GET", "/admin/users", cookies: root)) == "That username is taken.")
        #expect(said(test.send("GET", "/admin/users", cookies: root)) == nil)  // said once

        let bob = try #require(try test.accounts.user(named: "bob"))
        let bobSession = try test.signIn("bob", "bob's password")
        _ = try test.accounts.createAccessKey(.apiKey, for: "bob")
        let disabled = test.postForm(
            "/admin/users/\(bob.id ?? 0)", [("_csrf", token), ("role", "admin"), ("plan", ""), ("disabled", "1")],
            cookies: root)
        #expect(disabled.status == .seeOther || disabled.status == .found)
        let now = try #require(try test.accounts.user(named: "bob"))
        #expect(now.disabled && now.isAdmin)
        #expect(test.send("GET", "/", cookies: bobSession).status == .found)  // the session ended

        // The last working administrator stays one.
        let rootId = try #require(try test.accounts.user(named: "root")?.id)
        let demote = test.postForm(
            "/admin/users/\(rootId)", [("_csrf", token), ("role", "user"), ("plan", "")], cookies: root)
        // Refusals come back inline on the users page.
        #expect(demote.status == .seeOther && demote.headers["Location"] == "/admin/users")
        #expect(said(test.send("GET", "/admin/users", cookies: root))?.contains("last administrator") == true)
        #expect(try test.accounts.user(named: "root")?.isAdmin == true)
        let noPlan = test.postForm(
            "/admin/users/\(rootId)", [("_csrf", token), ("role", "admin"), ("plan", "42")], cookies: root)
        #expect(noPlan.status == .seeOther && said(test.send("GET", "/admin/users", cookies: root)) != nil)
    }

    @Test func groupsHaveAManagerAndMembers() throws {
        let root = try test.signIn("root", "admin password")
        let token = try csrf(root)
        try test.accounts.createUser(username: "bob", password: "bob's password")
        _ = test.postForm("/admin/groups", [("_csrf", token), ("name", "Family"), ("manager", "alice")], cookies: root)
        let twice = test.postForm(
            "/admin/groups", [("_csrf", token), ("name", "Family"), ("manager", "bob")], cookies: root)
        #expect(twice.status == .seeOther && said(test.send("GET", "/admin/groups", cookies: root)) != nil)
        let nobody = test.postForm(
            "/admin/groups", [("_csrf", token), ("name", "Ghosts"), ("manager", "casper")], cookies: root)
        #expect(nobody.status == .seeOther)
        #expect(said(test.send("GET", "/admin/groups", cookies: root)) == "There is no user of that name.")
        let group = try #require(try test.accounts.groups().first)
        #expect(group.name == "Family" && group.manager == "alice" && group.members == ["alice"])

        let members = "/admin/groups/\(group.id)/members"
        _ = test.postForm(members, [("_csrf", token), ("username", "bob")], cookies: root)
        #expect(try test.accounts.groups().first?.members == ["alice", "bob"])
        let managerOut = test.postForm(members, [("_csrf", token), ("remove", "alice")], cookies: root)
        #expect(managerOut.status == .seeOther && said(test.send("GET", "/admin/groups", cookies: root)) != nil)
        _ = test.postForm(members, [("_csrf", token), ("username", "casper")], cookies: root)
        #expect(said(test.send("GET", "/admin/groups", cookies: root)) == "There is no user of that name.")
        _ = test.postForm(members, [("_csrf", token), ("remove", "bob")], cookies: root)
        #expect(try test.accounts.groups().first?.members == ["alice"])
        let page = test.send("GET", "/admin/groups", cookies: root).bodyText
        #expect(page.contains("<h2>Family</h2>") && page.contains("Managed by alice"))
    }

    /// `/admin/plans`: a plan made with some limits (the rest unlimited), edited (an emptied box
    /// is no limit again), and what its users see in seed 000's storage answer.
    @Test func adminsCreateAndEditPlans() throws {
        let root = try test.signIn("root", "admin password")
        let token = try csrf(root)
        let empty = test.send("GET", "/admin/plans", cookies: root)
        #expect(
            empty.status == .ok && empty.bodyText.contains("No plans yet") && empty.bodyText.contains("Create plan"))
        let created = test.postForm(
            "/admin/plans",
            [
                ("_csrf", token), ("name", "FreeAlbums"), ("max_albums", "3"), ("max_content_size", "125829120"),
                ("max_video_length", "60000"), ("max_shares", ""),
            ], cookies: root)
        #expect(created.status == .seeOther)
        var plan = try #require(try test.library.plans().first)
        #expect(plan.name == "FreeAlbums" && plan.maxAlbums == 3 && plan.maxFileBytes == 125_829_120)
        #expect(plan.maxVideoSeconds == 60 && plan.maxShares == nil)
        let bad = test.postForm("/admin/plans/\(plan.id!)", [("_csrf", token), ("max_albums", "-2")], cookies: root)
        #expect(bad.status == .badRequest && bad.bodyText.contains("Albums is a whole number"))
        _ = test.postForm(
            "/admin/plans/\(plan.id!)", [("_csrf", token), ("max_albums", ""), ("max_shares", "4")], cookies: root)
        plan = try #require(try test.library.plans().first)
        #expect(plan.maxAlbums == nil && plan.maxShares == 4 && plan.maxFileBytes == nil, "the form sets every limit")
        let page = test.send("GET", "/admin/plans", cookies: root).bodyText
        #expect(
            page.contains("FreeAlbums")
                && page.contains(#"name="max_shares" type="number" min="0" step="1" inputmode="numeric" value="4""#))
        #expect(test.send("GET", "/", cookies: root).bodyText.contains(#"href="/admin/plans""#))
    }
}
