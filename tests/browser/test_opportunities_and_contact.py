"""The new page types in Chromium: zero axe-core violations in English and Mongolian at 1280 px and
375 px (the `page` fixture runs both), nothing fetched from other sites; the contact form sent with
the keyboard only on a phone, with and without JavaScript, answered in the visitor's language."""

from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache

from contact.models import ContactSubmission
from tests.browser.conftest import PHONE, PageWatcher, loaded_page_problems, page_problems
from tests.dated_pages import example_pages


def test_every_new_page_type_is_accessible_in_both_languages(page, live_site):
    paths, _contact = example_pages()
    axe = Axe()
    problems = {}
    for path in paths:
        found = page_problems(page, live_site.url + path, axe)
        if found:
            problems[path] = found

    # The contact form's error summary, then its confirmation, in each language.
    for language in ("en", "mn"):
        page.goto(f"{live_site.url}/{language}/contact/")
        page.evaluate("document.querySelector('form.contact-form').noValidate = true")
        page.locator("form.contact-form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".error-summary").is_visible()
        problems.update({f"{language} errors: {p}": [p] for p in loaded_page_problems(page, axe, expected_status=400)})
        page.locator("#contact-topic_0").check()
        page.fill("#contact-name", "Bat")
        page.fill("#contact-email", "bat@example.org")
        page.fill("#contact-message", "Hello")
        page.locator("#contact-consent").check()
        page.locator("form.contact-form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".confirmation").is_visible()
        problems.update({f"{language} confirmation: {p}": [p] for p in loaded_page_problems(page, axe)})
    assert not problems, "\n".join(f"{path}: {found}" for path, found in problems.items())


def send_by_keyboard(page, text):
    """Tab to the first topic, then fill in and send the form with the keyboard alone."""
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "contact-topic_0":
            break
    assert page.evaluate("document.activeElement.id") == "contact-topic_0", "the topic is not reachable by Tab"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "contact-name"
    page.keyboard.type("Батбаяр")
    page.keyboard.press("Tab")
    page.keyboard.type("batbayar@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(text)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "contact-consent"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the link to the privacy notice
    page.keyboard.press("Tab")  # the honeypot is skipped: straight to the button
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_visitor_sends_the_contact_form_by_keyboard_on_a_phone_in_mongolian(browser, live_site):
    cache.clear()  # the rate limit's count
    for javascript in (True, False):
        context = browser.new_context(viewport=PHONE, locale="mn-MN", java_script_enabled=javascript)
        page = context.new_page()
        page.watcher = PageWatcher(page, live_site.url.split("//", 1)[1])
        page.goto(live_site.url + "/mn/contact/")
        text = f"Сайн байна уу, JavaScript {'on' if javascript else 'off'}."
        send_by_keyboard(page, text)
        confirmation = page.locator(".confirmation")
        assert confirmation.is_visible()
        assert "Баярлалаа: таны зурвасыг хүлээн авлаа." in confirmation.inner_text()
        assert page.evaluate("document.documentElement.lang") == "mn"
        if javascript:  # axe-core runs in the page, so only with JavaScript
            assert loaded_page_problems(page, Axe()) == []
        assert page.watcher.outside_requests == []
        context.close()
        stored = ContactSubmission.objects.get(form_data__message=text)
        assert stored.form_data["name"] == "Батбаяр" and stored.form_data["consent"] is True
