import { useRef, useState, type DragEvent } from "react";
import { Icon } from "@/components/icons";
import { formatBytes } from "@/lib/format";

/** A file input that also takes a dropped file. The input stays keyboard-focusable. */
export function DropZone({
  file,
  onFile,
  accept,
  hint,
  error,
}: {
  file: File | null;
  onFile: (file: File | null) => void;
  accept: string;
  hint: string;
  error?: string | undefined;
}) {
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  function onDrop(event: DragEvent<HTMLDivElement>): void {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  }

  function clear(): void {
    if (input.current) input.current.value = "";
    onFile(null);
    input.current?.focus();
  }

  const classes = ["dropzone", dragging && "dropzone--dragging", error && "dropzone--error", file && "dropzone--filled"];
  return (
    <div className="field">
      <div
        className={classes.filter(Boolean).join(" ")}
        data-testid="dropzone"
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => e.preventDefault()}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <input
          ref={input}
          id="file"
          name="file"
          type="file"
          className="dropzone__input"
          accept={accept}
          aria-describedby={error ? "file-hint file-error" : "file-hint"}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onFile(e.currentTarget.files?.[0] ?? null)}
        />
        <label htmlFor="file" className="dropzone__label">
          <Icon name="upload" className="icon dropzone__icon" />
          <span className="dropzone__text">
            <strong>Drop your resume here</strong> or <span className="dropzone__link">choose a file</span>
          </span>
          <span id="file-hint" className="dropzone__hint">
            {hint}
          </span>
        </label>
        {file ? (
          <div className="dropzone__file">
            <Icon name="file" />
            <span className="dropzone__file-name" data-testid="file-name">
              {file.name}
            </span>
            <span className="muted small">{formatBytes(file.size)}</span>
            <button type="button" className="button button--small button--ghost" onClick={clear}>
              Remove<span className="visually-hidden"> {file.name}</span>
            </button>
          </div>
        ) : null}
      </div>
      <FieldError id="file-error" message={error} />
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message?: string | undefined }) {
  return (
    <p id={id} className="field-error" aria-live="polite">
      {message ? (
        <>
          <span aria-hidden="true" className="field-error__icon">
            ⚠
          </span>{" "}
          {message}
        </>
      ) : null}
    </p>
  );
}
