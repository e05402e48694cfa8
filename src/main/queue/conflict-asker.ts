// Asks the user what to do about a key that already exists, one question at a time: the question goes out as a
// conflict:ask event and waits for conflict:answer. A window that reloads gets the open question back in the
// snapshot. Questions from several batches queue up behind each other.
import type { ConflictChoice, ConflictQuestion } from '../../shared/ipc';

export interface ConflictAnswer {
  choice: ConflictChoice;
  applyToRest: boolean;
}

export interface ConflictAsker {
  ask(question: Omit<ConflictQuestion, 'id'>): Promise<ConflictAnswer>;
  /** The question on screen, if any. */
  pending(): ConflictQuestion | null;
  /** False when no such question is open (answered already, or never asked). */
  answer(questionId: string, answer: ConflictAnswer): boolean;
  /** Answers every open and waiting question with "skip" (shutdown, cancel all). */
  skipAll(): void;
}

interface Waiting {
  question: ConflictQuestion;
  resolve(answer: ConflictAnswer): void;
}

export function createConflictAsker(send: (question: ConflictQuestion) => void): ConflictAsker {
  const waiting: Waiting[] = [];
  let counter = 0;

  const showNext = () => {
    const next = waiting[0];
    if (next) send(next.question);
  };

  return {
    ask(question) {
      return new Promise<ConflictAnswer>((resolve) => {
        waiting.push({ question: { ...question, id: `q${++counter}` }, resolve });
        if (waiting.length === 1) showNext();
      });
    },
    pending: () => waiting[0]?.question ?? null,
    answer(questionId, answer) {
      const current = waiting[0];
      if (!current || current.question.id !== questionId) return false;
      waiting.shift();
      current.resolve(answer);
      showNext();
      return true;
    },
    skipAll() {
      for (const w of waiting.splice(0)) w.resolve({ choice: 'skip', applyToRest: true });
    },
  };
}
