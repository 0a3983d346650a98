/**
 * Writes a small but real ONNX classifier with the model card's output contract, for tests and
 * the eval fixture, so they run without the trained model or Python:
 *   input [N,3,S,S] → GlobalAveragePool → Flatten → Gemm → Softmax            → class_probs
 *                                                 → Gemm → Softmax, per attribute → Concat → attribute_probs
 * The protobuf is encoded by hand (only the few ModelProto fields needed).
 */

class Writer {
	private chunks: number[] = [];
	varint(value: number | bigint) {
		let v = BigInt.asUintN(64, BigInt(value));
		while (v >= 0x80n) {
			this.chunks.push(Number(v & 0x7fn) | 0x80);
			v >>= 7n;
		}
		this.chunks.push(Number(v));
	}
	tag(field: number, wire: number) {
		this.varint((field << 3) | wire);
	}
	int(field: number, value: number) {
		this.tag(field, 0);
		this.varint(value);
	}
	bytes(field: number, data: Uint8Array) {
		this.tag(field, 2);
		this.varint(data.length);
		for (const b of data) this.chunks.push(b);
	}
	string(field: number, text: string) {
		this.bytes(field, new TextEncoder().encode(text));
	}
	message(field: number, build: (w: Writer) => void) {
		const inner = new Writer();
		build(inner);
		this.bytes(field, inner.finish());
	}
	finish(): Uint8Array {
		return Uint8Array.from(this.chunks);
	}
}

const FLOAT = 1;

function tensor(w: Writer, name: string, dims: number[], values: ArrayLike<number>) {
	for (const d of dims) w.int(1, d);
	w.int(2, FLOAT);
	w.string(8, name);
	w.bytes(9, new Uint8Array(Float32Array.from(values as ArrayLike<number>).buffer));
}

function valueInfo(w: Writer, name: string, dims: (number | string)[]) {
	w.string(1, name);
	w.message(2, (type) =>
		type.message(1, (t) => {
			t.int(1, FLOAT);
			t.message(2, (shape) => {
				for (const d of dims) shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
			});
		})
	);
}

interface NodeSpec {
	op: string;
	inputs: string[];
	outputs: string[];
	attrs?: { name: string; int: number }[];
}

function node(w: Writer, spec: NodeSpec, index: number) {
	for (const i of spec.inputs) w.string(1, i);
	for (const o of spec.outputs) w.string(2, o);
	w.string(3, `${spec.op}_${index}`);
	w.string(4, spec.op);
	for (const a of spec.attrs ?? []) {
		w.message(5, (attr) => {
			attr.string(1, a.name);
			attr.int(3, a.int);
			attr.int(20, 2); // AttributeType.INT
		});
	}
}

export interface TinyModelSpec {
	size: number;
	classes: number;
	/** vocabulary size of each attribute */
	attributes: number[];
	/** deterministic weights from this seed */
	seed?: number;
}

/** A seeded generator (mulberry32) so the same spec always gives the same model. */
function random(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function tinyOnnxModel(spec: TinyModelSpec): Uint8Array {
	const rand = random(spec.seed ?? 1);
	const weights = (n: number) => Array.from({ length: n }, () => (rand() - 0.5) * 4);
	const nodes: NodeSpec[] = [
		{ op: 'GlobalAveragePool', inputs: ['input'], outputs: ['pooled'] },
		{ op: 'Flatten', inputs: ['pooled'], outputs: ['features'], attrs: [{ name: 'axis', int: 1 }] },
		{ op: 'Gemm', inputs: ['features', 'class_w', 'class_b'], outputs: ['class_logits'] },
		{ op: 'Softmax', inputs: ['class_logits'], outputs: ['class_probs'], attrs: [{ name: 'axis', int: 1 }] }
	];
	const initializers: { name: string; dims: number[]; values: number[] }[] = [
		{ name: 'class_w', dims: [3, spec.classes], values: weights(3 * spec.classes) },
		{ name: 'class_b', dims: [spec.classes], values: weights(spec.classes) }
	];
	spec.attributes.forEach((n, a) => {
		initializers.push({ name: `attr${a}_w`, dims: [3, n], values: weights(3 * n) }, { name: `attr${a}_b`, dims: [n], values: weights(n) });
		nodes.push(
			{ op: 'Gemm', inputs: ['features', `attr${a}_w`, `attr${a}_b`], outputs: [`attr${a}_logits`] },
			{ op: 'Softmax', inputs: [`attr${a}_logits`], outputs: [`attr${a}_probs`], attrs: [{ name: 'axis', int: 1 }] }
		);
	});
	nodes.push({
		op: 'Concat',
		inputs: spec.attributes.map((_, a) => `attr${a}_probs`),
		outputs: ['attribute_probs'],
		attrs: [{ name: 'axis', int: 1 }]
	});
	const attributeWidth = spec.attributes.reduce((s, n) => s + n, 0);
	const model = new Writer();
	model.int(1, 8); // ir_version
	model.string(2, 'leukodex-tiny-onnx');
	model.message(7, (graph) => {
		nodes.forEach((n, i) => graph.message(1, (w) => node(w, n, i)));
		graph.string(2, 'tiny');
		for (const init of initializers) graph.message(5, (w) => tensor(w, init.name, init.dims, init.values));
		graph.message(11, (w) => valueInfo(w, 'input', ['N', 3, spec.size, spec.size]));
		graph.message(12, (w) => valueInfo(w, 'class_probs', ['N', spec.classes]));
		graph.message(12, (w) => valueInfo(w, 'attribute_probs', ['N', attributeWidth]));
	});
	model.message(8, (opset) => {
		opset.string(1, '');
		opset.int(2, 13);
	});
	return model.finish();
}
