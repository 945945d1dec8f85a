// Export parameters: enum values in either case (GraphQL's names or the stored values), and errors
// that name the parameter and what it takes, never a validation library's own wording.
import { describe, expect, it } from 'vitest';
import { rollupExportParams, sessionExportParams, spanExportParams } from '../../../src/api/export/params.ts';
import { HttpError } from '../../../src/api/http.ts';

const q = (text: string) => new URLSearchParams(text);

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    return (error as Error).message;
  }
  throw new Error('expected a 400');
}

describe('export parameters', () => {
  it('take enum values in either case', () => {
    expect(sessionExportParams(q('source=CLAUDE_CODE')).source).toBe('claude-code');
    expect(sessionExportParams(q('source=claude-code')).source).toBe('claude-code');
    expect(sessionExportParams(q('source=tau-bench')).source).toBe('tau-bench');
    expect(sessionExportParams(q('role=SUBAGENT&status=Completed')).role).toBe('subagent');
    expect(spanExportParams(q('kind=llm,TOOL&spanStatus=ERROR')).spans).toMatchObject({ kinds: ['LLM', 'TOOL'], status: 'error' });
    expect(rollupExportParams(q('groupBy=DAY,model')).groupBy).toEqual(['day', 'model']);
    expect(rollupExportParams(q('groupBy=week')).groupBy).toEqual(['week']);
  });

  it('say "either case" and list the values when one is wrong', () => {
    expect(refusal(() => sessionExportParams(q('source=cursor')))).toMatch(
      /source: one of openclaw, claude-code, otlp, events, tau-bench, langfuse, swe-agent \(either case\), not "cursor"/,
    );
    expect(refusal(() => spanExportParams(q('kind=LLM,step')))).toMatch(/kind: one of AGENT, LLM, TOOL, SUBAGENT, OTHER \(either case\), not "step"/);
  });

  it('a rollup without groupBy: which parameter is missing and the valid dimensions, week included', () => {
    const text = refusal(() => rollupExportParams(q('from=2026-01-01T00:00:00Z')));
    expect(text).toMatch(/groupBy is missing: name one or two dimensions of model, provider, agent, skill, session, source, day, week, hour, tool \(either case\), e\.g\. groupBy=day,model/);
    expect(text).not.toMatch(/expected array|received undefined/i);
    expect(refusal(() => rollupExportParams(q('groupBy=')))).toMatch(/groupBy: empty: name one or two dimensions/);
    expect(refusal(() => rollupExportParams(q('groupBy=month')))).toMatch(/groupBy: one of model, .*week.* \(either case\), not "month"/);
    expect(refusal(() => rollupExportParams(q('groupBy=day,model,tool')))).toMatch(/groupBy: at most two dimensions/);
  });

  it('span exports carry previews and attributes unless turned off', () => {
    expect(spanExportParams(q('')).columns).toEqual({ previews: true, attributes: true });
    expect(spanExportParams(q('previews=false&attributes=false')).columns).toEqual({ previews: false, attributes: false });
  });
});
