"""Files of images in restricted collections are written to the private folder from the start.

Upstream gap (Wagtail 7.4): the storage names of an image's original and its renditions come from
`get_upload_to` on the image and rendition models ("original_images/", "images/"); Wagtail offers
no setting or hook to choose them for its own `wagtailimages.Image` and `Rendition`, only a custom
image model (WAGTAILIMAGES_IMAGE_MODEL), which this site does not have. `install()` wraps both
methods so that the file of an image whose collection is restricted goes to "restricted_images/"
(core/private_media.py) when it is first saved, never for a moment to a public folder.
Guard: tests/test_compat.py::test_wagtail_still_names_image_files_with_get_upload_to.
"""

from core.private_media import restricted_upload_to


def install():
    from wagtail.images import get_image_model

    Image = get_image_model()
    Rendition = Image.get_rendition_model()
    if getattr(Image.get_upload_to, "restricted_aware", False):
        return
    image_upload_to = Image.get_upload_to
    rendition_upload_to = Rendition.get_upload_to

    def original_upload_to(self, filename):
        return restricted_upload_to(self, image_upload_to(self, filename))

    def rendition_file_upload_to(self, filename):
        return restricted_upload_to(self.image, rendition_upload_to(self, filename))

    original_upload_to.restricted_aware = rendition_file_upload_to.restricted_aware = True
    Image.get_upload_to = original_upload_to
    Rendition.get_upload_to = rendition_file_upload_to
