"""The person's own pages as images, for the marked-up resume view (owner or viewer token)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response
from fastapi.concurrency import run_in_threadpool

from resumeroast.api.deps import JobIdDep, RuntimeDep
from resumeroast.errors import JobNotFound

router = APIRouter()


@router.get(
    "/api/resumes/{job_id}/pages/{page}",
    tags=["resumes"],
    operation_id="getPageImage",
    summary="One page of a PDF upload as a PNG, to show the findings' marks on",
    response_class=Response,
    responses={
        200: {"content": {"image/png": {}}, "description": "The page, grey-scale"},
        404: {"description": "Unknown job, or no image of that page"},
        422: {"description": "The page is not a whole number from 1 to 100"},
    },
)
async def read_page_image(
    job_id: JobIdDep, page: Annotated[int, Path(ge=1, le=100)], rt: RuntimeDep
) -> Response:
    store = rt.deps.page_images
    image = await run_in_threadpool(store.load_page_image, job_id, page) if store else None
    if image is None:
        raise JobNotFound(job_id)
    # Personal data: no shared cache keeps it, and a deleted job's pages are gone for good.
    return Response(image.png, media_type="image/png", headers={"Cache-Control": "no-store"})
