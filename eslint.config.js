// Lint for the TypeScript and Svelte code (`npm run lint`, a stage of `npm test`); formatting is
// prettier's (.prettierrc), so eslint-config-prettier turns off the rules that would disagree with it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'static/',
			'question-bank/.cache/',
			'models/**/runs/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	},
	{
		rules: {
			// a leading underscore marks a value deliberately unused (destructuring it away, a required parameter)
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
			],
			// prettier wraps code at 140; what it cannot wrap (a message string, a URL) may run longer
			// every link goes through appPath() (src/lib/paths.ts), which adds the base path; the rule knows only resolve()
			'svelte/no-navigation-without-resolve': 'off',
			'max-len': [
				'error',
				{
					code: 140,
					tabWidth: 2,
					ignoreStrings: true,
					ignoreTemplateLiterals: true,
					ignoreUrls: true,
					ignoreRegExpLiterals: true,
					ignoreComments: false
				}
			]
		}
	}
);
