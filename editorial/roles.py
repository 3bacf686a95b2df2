"""The communications team's roles and the site-wide review workflow.

Editors create and edit pages, images, documents and snippets and submit pages for
review; moderators do the same and also approve, publish and edit the site settings.
Every page change goes through one workflow, "Communications review", whose single
task needs a moderator's approval.

`ensure_roles(apps)` creates whatever is missing and changes nothing else. It takes an
app registry so that the data migrations (historical models) and the seed loader
(real models, e.g. after a test database was flushed) share one implementation.
"""

EDITORS = "Communications editors"
MODERATORS = "Communications moderators"
WORKFLOW_NAME = "Communications review"
TASK_NAME = "Approval by a communications moderator"
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"  # made by Wagtail's own migrations

# Page permissions, granted on the tree's root so they cover every page of every locale.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    # bulk_delete: a moderator may delete a page with pages below it (it goes to the recycle bin,
    # from which a moderator restores it; without this permission only pages without children).
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
}

# Image and document permissions, granted on the root collection (all collections).
# Wagtail checks them against its own Image and Document models, also for a custom
# document model such as the site's pages.ResourceDocument.
COLLECTION_PERMISSIONS = {
    EDITORS: [
        ("wagtailimages", "image", ["add", "change", "choose"]),
        ("wagtaildocs", "document", ["add", "change", "choose"]),
    ],
    MODERATORS: [
        ("wagtailimages", "image", ["add", "change", "choose", "delete"]),
        ("wagtaildocs", "document", ["add", "change", "choose", "delete"]),
    ],
}

# Model permissions (snippets, settings, admin access). A model that is not installed
# (yet) is skipped; a later migration grants its permissions once it exists.
MODEL_PERMISSIONS = {
    EDITORS: [
        ("wagtailadmin", "admin", ["access"]),
        ("wagtail_localize", "translation", ["submit"]),  # start a Mongolian translation
        ("pages", "keyfigure", ["add", "change"]),
        # The goals are the UN's: editors translate them (a moderator approves, as for every snippet).
        ("pages", "sustainabledevelopmentgoal", ["change"]),
        ("partners", "partner", ["add", "change"]),
        ("core", "sitetext", ["add", "change"]),
    ],
    MODERATORS: [
        # enable_2fa (wagtail-2fa): moderators must sign in with a second factor where required.
        ("wagtailadmin", "admin", ["access", "enable_2fa"]),
        ("wagtail_localize", "translation", ["submit"]),
        ("pages", "keyfigure", ["add", "change", "delete", "publish", "lock", "unlock"]),
        ("pages", "sustainabledevelopmentgoal", ["change", "publish", "lock", "unlock"]),
        ("partners", "partner", ["add", "change", "delete", "publish", "lock", "unlock"]),
        ("core", "sitetext", ["add", "change", "delete", "publish", "lock", "unlock"]),
        ("core", "sitesettings", ["change"]),
        # Contact messages hold personal data: moderators read and export them; editors only when
        # an administrator grants them this permission (Settings → Groups).
        ("contact", "contactsubmission", ["view"]),
        # The recycle bin: moderators see the deleted pages and restore them (editors cannot).
        ("recycle_bin", "recycledpage", ["view", "restore"]),
    ],
}

# Snippets that go through the same review workflow as pages (drafts; a moderator publishes).
REVIEWED_SNIPPETS = [
    ("pages", "keyfigure"),
    ("pages", "sustainabledevelopmentgoal"),
    ("partners", "partner"),
    ("core", "sitetext"),
]
# Wagtail's own example groups: this site has the two communications groups instead.
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]


def _model_exists(apps, app_label, model_name):
    if (app_label, model_name) == ("wagtailadmin", "admin"):
        # Wagtail's admin access permission hangs on a content type without a model.
        return True
    try:
        apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return True


def _permission(apps, app_label, model_name, codename):
    """The permission row, created when missing: Django normally creates permissions after
    `migrate` has finished (post_migrate), too late for a data migration."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
    action = codename.split("_", 1)[0]
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {action} {model_name}"},
    )
    return permission


def _codename(model_name, action):
    if model_name == "admin":  # Wagtail's "access_admin" and wagtail-2fa's "enable_2fa"
        return "access_admin" if action == "access" else action
    return f"{action}_{model_name}"


def ensure_roles(apps):
    """Create the groups, their permissions and the review workflow where missing.
    Returns a list of what was created, for the seed loader's report."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    created = []
    groups = {}
    for name in (EDITORS, MODERATORS):
        groups[name], was_created = Group.objects.get_or_create(name=name)
        if was_created:
            created.append(f"group {name}")

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()

    for name, group in groups.items():
        for codename in PAGE_PERMISSIONS[name]:
            if root_page is None:
                break
            permission = _permission(apps, "wagtailcore", "page", codename)
            GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
        for app_label, model_name, actions in COLLECTION_PERMISSIONS[name]:
            if root_collection is None:
                break
            for action in actions:
                permission = _permission(apps, app_label, model_name, f"{action}_{model_name}")
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
        for app_label, model_name, actions in MODEL_PERMISSIONS[name]:
            if not _model_exists(apps, app_label, model_name):
                continue
            for action in actions:
                group.permissions.add(_permission(apps, app_label, model_name, _codename(model_name, action)))

    if root_page is not None:
        created += _ensure_workflow(apps, groups[MODERATORS], root_page)
    created += _remove_wagtail_default_groups(apps)
    return created


def _remove_wagtail_default_groups(apps):
    """Wagtail's migrations make "Editors" and "Moderators"; beside the communications groups they
    only confuse. Removed while nobody is in them (a group someone uses is left alone)."""
    Group = apps.get_model("auth", "Group")
    unused = Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True)
    names = list(unused.values_list("name", flat=True))
    unused.delete()
    return [f"removed Wagtail's unused group {name}" for name in names]


def _ensure_workflow(apps, moderators, root_page):
    """One workflow for the whole tree: assigned to the root page, it applies to every page
    below it (the home page and its translations included) unless a page has its own."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    created = []
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        task_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
        task.groups.set([moderators])
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        created.append(f"workflow {WORKFLOW_NAME}")
    # Replaces Wagtail's default workflow on the root, never one that an administrator chose.
    assignment = WorkflowPage.objects.filter(page=root_page).first()
    if assignment is None:
        WorkflowPage.objects.create(page=root_page, workflow=workflow)
        created.append(f"workflow {WORKFLOW_NAME} assigned to the whole site")
    elif assignment.workflow_id != workflow.pk and assignment.workflow.name == WAGTAIL_DEFAULT_WORKFLOW:
        assignment.workflow = workflow
        assignment.save()
        created.append(f"workflow {WORKFLOW_NAME} assigned to the whole site")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    for app_label, model_name in REVIEWED_SNIPPETS:
        if not _model_exists(apps, app_label, model_name):
            continue
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
        _assignment, was_created = WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
        if was_created:
            created.append(f"workflow {WORKFLOW_NAME} assigned to {model_name}")
    return created
