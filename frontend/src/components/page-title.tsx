import { useEffect, useRef, type ReactNode } from "react";

/** The page's h1; sets the document title and takes focus after in-app navigation. */
export function PageTitle({ title, children, className = "" }: { title: string; children?: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ResumeRoast`;
  }, [title]);
  useEffect(() => {
    if (document.activeElement && document.activeElement !== document.body) {
      ref.current?.focus({ preventScroll: true });
    }
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className={`page-title ${className}`}>
      {children ?? title}
    </h1>
  );
}
