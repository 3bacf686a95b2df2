"""The contact page's edit screen warns about topics without a mailbox (no query: the topics are
those of the page being edited)."""

from wagtail.admin.panels import HelpPanel


def topics_without_mailbox(page):
    return [topic for topic in page.topics.all() if not topic.mailbox_id]


class TopicsWithoutMailboxPanel(HelpPanel):
    def __init__(self, **kwargs):
        kwargs.setdefault("template", "contact/admin/topics_without_mailbox_panel.html")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.topics = topics_without_mailbox(self.instance) if self.instance.pk else []
            self.forwarded_to_default = bool(getattr(self.instance, "to_address", ""))

        def is_shown(self):
            return bool(self.topics) and super().is_shown()
