// Proves that the app's file buttons open the browser's file dialog and pass on what is chosen in it. The other
// tests hand files straight to the hidden inputs; this one goes through the button, as a person does.
import { expect, test } from '@playwright/test';

test('the inbox’s file button opens the file dialog, and a chosen file that is not an assignment is refused plainly', async ({ page }) => {
	await page.goto('/');
	await page.locator('#new-learner-name').fill('Ana');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('learner-badge')).toContainText('Ana');
	await page.goto('/inbox');
	const chooserOpened = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Open an assignment file (.json)' }).click();
	const chooser = await chooserOpened;
	expect(chooser.isMultiple()).toBe(false);
	await chooser.setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('this is not JSON') });
	await expect(page.getByTestId('inbox-refused')).toContainText('The file is not an assignment file (it is not valid JSON).');
});
