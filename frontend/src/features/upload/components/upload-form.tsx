import { useRef, useState, type FormEvent } from "react";
import type { JobCreated, Level } from "@/lib/api/client";
import { formatBytes } from "@/lib/format";
import type { Submission } from "@/lib/submissions";
import { useWebConfig } from "@/features/upload/api/get-config";
import {
  fieldErrors,
  submitResume,
  type FieldName,
  type Revises,
} from "@/features/upload/api/submit-resume";
import { acceptAttribute, acceptedKinds, checkFile } from "@/features/upload/check-file";
import { DropZone, FieldError } from "@/features/upload/components/drop-zone";

const LEVELS: Record<Level, { label: string; detail: string }> = {
  gentle: { label: "Gentle", detail: "Kind words, the same facts" },
  honest: { label: "Honest", detail: "Straight talk, no sugar" },
  brutal: { label: "Brutal", detail: "No mercy. Same facts, sharper words" },
};

type Errors = Partial<Record<FieldName, string>>;

export function UploadForm({
  initial,
  revises,
  onSubmitted,
}: {
  initial?: Partial<Submission> | null;
  /** The earlier version this upload revises (its owner's): linked on the server too. */
  revises?: Revises;
  onSubmitted: (job: JobCreated, submission: Submission) => void;
}) {
  const config = useWebConfig();
  const [file, setFile] = useState<File | null>(initial?.file ?? null);
  const [jobDescription, setJobDescription] = useState(initial?.jobDescription ?? "");
  const [level, setLevel] = useState<Level>(initial?.level ?? config.default_level);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  async function chooseFile(next: File | null): Promise<void> {
    setFile(next);
    const message = next ? await checkFile(next, config) : undefined;
    setErrors((previous) => ({ ...previous, file: message ?? undefined, form: undefined }));
  }

  async function validate(): Promise<Errors> {
    const found: Errors = {};
    if (!file) found.file = "Choose your resume file first.";
    else found.file = (await checkFile(file, config)) ?? undefined;
    if (jobDescription.trim().length > config.max_job_description_chars) {
      found.job_description =
        `The job description is longer than ${config.max_job_description_chars.toLocaleString()} ` +
        "characters. Paste the requirements and responsibilities only.";
    }
    return found;
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const found = await validate();
    if (!hasErrors(found) && file) {
      const submission: Submission = { file, jobDescription, level };
      const result = await submitResume(submission, revises);
      if (result.ok) {
        onSubmitted(result.job, submission);
        return;
      }
      Object.assign(found, fieldErrors(result.problem));
    }
    setErrors(found);
    setBusy(false);
    focusFirstError(found);
  }

  function focusFirstError(found: Errors): void {
    const target = found.file ? "#file" : found.job_description ? "#job_description" : found.level ? "[name=level]" : null;
    if (target) form.current?.querySelector<HTMLElement>(target)?.focus();
  }

  const jdLength = jobDescription.trim().length;
  return (
    <form ref={form} className="upload card" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <h2 className="upload__step">
        <span className="upload__number" aria-hidden="true">1</span> Your resume
      </h2>
      <DropZone
        file={file}
        onFile={(next) => void chooseFile(next)}
        accept={acceptAttribute(config)}
        hint={`${acceptedKinds(config)} · up to ${formatBytes(config.max_upload_bytes)}`}
        error={errors.file}
      />

      <h2 className="upload__step">
        <span className="upload__number" aria-hidden="true">2</span> The job{" "}
        <span className="muted small">(optional)</span>
      </h2>
      <div className="field">
        <label htmlFor="job_description" className="field__label">
          Job description
        </label>
        <p id="jd-hint" className="field__hint">
          Paste the ad to check its keywords and get a job-match score.
        </p>
        <textarea
          id="job_description"
          name="job_description"
          rows={5}
          value={jobDescription}
          onChange={(e) => setJobDescription(e.currentTarget.value)}
          aria-describedby="jd-hint jd-count job_description-error"
          aria-invalid={errors.job_description ? true : undefined}
        />
        <p id="jd-count" className={`field__count ${jdLength > config.max_job_description_chars ? "field__count--over" : ""}`}>
          {jdLength.toLocaleString()} / {config.max_job_description_chars.toLocaleString()} characters
        </p>
        <FieldError id="job_description-error" message={errors.job_description} />
      </div>

      <fieldset className="field levels" aria-describedby="level-error">
        <legend className="upload__step">
          <span className="upload__number" aria-hidden="true">3</span> How harsh?
        </legend>
        <div className="levels__options">
          {config.levels.map((value) => (
            <label key={value} className={`level ${level === value ? "level--checked" : ""}`}>
              <input
                type="radio"
                name="level"
                value={value}
                checked={level === value}
                onChange={() => setLevel(value)}
              />
              <span className="level__label">{LEVELS[value].label}</span>
              <span className="level__detail">{LEVELS[value].detail}</span>
            </label>
          ))}
        </div>
        <FieldError id="level-error" message={errors.level} />
      </fieldset>

      {errors.form ? (
        <p className="note note--error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {errors.form}
        </p>
      ) : null}
      <div className="upload__submit">
        <button type="submit" className="button button--primary button--large" disabled={busy}>
          {busy ? "Uploading…" : "Roast my resume"}
        </button>
        <p className="muted small">
          The level changes the wording only, never the scores. You can delete your data at any time.
        </p>
      </div>
    </form>
  );
}

function hasErrors(errors: Errors): boolean {
  return Object.values(errors).some(Boolean);
}
