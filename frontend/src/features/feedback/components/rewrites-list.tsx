import type { Rewrite } from "@/lib/api/client";
import { CopyButton } from "@/components/copy-button";

/** Before and after, side by side (stacked on a phone), with a copy button for the new text. */
export function RewritesList({ rewrites }: { rewrites: Rewrite[] }) {
  if (rewrites.length === 0) return <p className="muted">No rewrites suggested.</p>;
  return (
    <ol className="rewrites">
      {rewrites.map((rewrite, index) => (
        <li key={index} className="rewrite">
          <div className="rewrite__pair">
            <div className="rewrite__side rewrite__side--before">
              <p className="rewrite__label">
                Before{rewrite.line ? <span className="muted"> · line {rewrite.line}</span> : null}
              </p>
              <p className="rewrite__text">
                <del>{rewrite.original}</del>
              </p>
            </div>
            <div className="rewrite__side rewrite__side--after">
              <p className="rewrite__label">After</p>
              <p className="rewrite__text">
                <ins>{rewrite.improved}</ins>
              </p>
            </div>
          </div>
          <div className="rewrite__foot">
            {rewrite.why ? <p className="rewrite__why">{rewrite.why}</p> : <span />}
            <CopyButton text={rewrite.improved} label="Copy the new text" />
          </div>
        </li>
      ))}
    </ol>
  );
}
