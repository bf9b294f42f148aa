import { Type } from 'class-transformer';
import { IsInt, IsString, ValidateNested, validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { fieldErrors, fieldProblem, validationProblem } from './validation-problem';

class Line {
  @IsString()
  name!: string;
}

class Order {
  @IsInt()
  quantity!: number;

  @ValidateNested({ each: true })
  @Type(() => Line)
  lines!: Line[];
}

describe('validation problems', () => {
  const errors = validateSync(
    plainToInstance(Order, { quantity: 'many', lines: [{ name: 'a' }, { name: 7 }] }),
  );

  it('names every failed field by its path, indices in brackets', () => {
    expect(fieldErrors(errors)).toEqual([
      { path: 'quantity', message: 'quantity must be an integer number' },
      { path: 'lines[1].name', message: 'name must be a string' },
    ]);
  });

  it('becomes a 400 validation-failed problem', () => {
    const problem = validationProblem(errors).problem;
    expect(problem).toMatchObject({
      status: 400,
      type: 'validation-failed',
      detail: '2 fields are not valid',
    });
    expect(problem.errors).toHaveLength(2);
  });

  it('names the one field a handler checked itself', () => {
    expect(fieldProblem('url', 'must use https').problem).toMatchObject({
      status: 400,
      type: 'validation-failed',
      detail: 'url: must use https',
      errors: [{ path: 'url', message: 'must use https' }],
    });
  });
});
