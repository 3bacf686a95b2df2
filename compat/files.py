"""Whether a model's file field holds a file already in storage or one still to be saved.

Upstream gap (Django 5.2): `FieldFile` has no public way to tell an assigned upload (saved to
storage when the model is saved) from a file already in storage; Django itself reads the private
`_committed` flag (`FileField.pre_save`). Reading the file to find out would fetch it from object
storage. Guard: tests/test_compat.py::test_django_still_marks_assigned_uploads_uncommitted.
"""


def is_stored(field_file):
    return bool(field_file._committed)
