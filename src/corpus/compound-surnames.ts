/** Two-character surnames (`上官婉清`, `欧阳立新`, `端木鸿`): a name may open with one, never read as one character and a name. */
export const COMPOUND_SURNAMES = ['欧阳', '上官', '司马', '诸葛', '公孙', '申屠', '皇甫', '尉迟', '令狐', '慕容', '夏侯', '宇文', '司徒', '端木', '南宫', '独孤', '轩辕', '钟离', '呼延'] as const;
