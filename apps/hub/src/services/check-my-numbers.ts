import { AppError, fieldError } from '@madoguchi/errors';
import { isValidMyNumber } from '@madoguchi/identifiers';

const checkDigitMessage = {
  ja: '個人番号のチェックディジットが正しくありません。',
  en: 'The My Number check digit is wrong.',
};

/** Refuses the whole batch, naming every bad item, before anything is written. */
export function checkMyNumbers(items: readonly { myNumber: string }[]): void {
  const fields = items.flatMap((it, i) =>
    isValidMyNumber(it.myNumber) ? [] : [fieldError(`/items/${i}/myNumber`, 'my_number', checkDigitMessage)],
  );
  if (fields.length > 0) throw new AppError('request.invalid', { fields });
}
